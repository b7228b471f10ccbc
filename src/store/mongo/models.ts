/**
 * The Mongoose models of the MongoDB store: `branches` (each branch's
 * current version, for fast listing), `submissions` (every version: the
 * history) and `tokens` (ids, scopes and hashes). Their validation (required
 * fields, enums, the branch id pattern) is the last guard before data is
 * written; their indexes make ids unique and versions unique per branch.
 * Defined on a given connection, so a store never shares global state and
 * a test can validate documents without a server.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { BRANCH_ID_PATTERN, TOKEN_ID_PATTERN, type SubmissionMeta, type TokenScope } from '../types';

/** A version as stored: its metadata (by another name for the branch, a Date for the time) and its text. */
export type SubmissionDoc = Omit<SubmissionMeta, 'branch' | 'createdAt'> & {
  branchId: string;
  createdAt: Date;
  /** The document as received (uploads are UTF-8 by the time they are stored). */
  text: string;
};

/** A branch's current version: the same fields as its latest submission. */
export type BranchDoc = SubmissionDoc;

export interface TokenDoc {
  tokenId: string;
  scope: TokenScope;
  branchId?: string;
  hash: string;
  createdAt: Date;
}

export interface Models {
  Branch: Model<BranchDoc>;
  Submission: Model<SubmissionDoc>;
  Token: Model<TokenDoc>;
}

const wholeNumber = { validator: Number.isInteger, message: '{PATH} must be a whole number' };

function versionFields() {
  return {
    branchId: { type: String, required: true, match: BRANCH_ID_PATTERN },
    version: { type: Number, required: true, min: 1, validate: wholeNumber },
    createdAt: { type: Date, required: true },
    source: { type: String, required: true, enum: ['upload', 'workspace'] },
    tokenId: { type: String, default: null, match: TOKEN_ID_PATTERN },
    valid: { type: Boolean, required: true },
    score: { type: Number, required: true, min: 0, max: 100, validate: wholeNumber },
    sha256: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
    size: { type: Number, required: true, min: 1, validate: wholeNumber },
    text: { type: String, required: true },
  };
}

const options = { versionKey: false, strict: 'throw', strictQuery: true } as const;

export const branchSchema = new Schema<BranchDoc>(versionFields(), { ...options, collection: 'branches' });
branchSchema.index({ branchId: 1 }, { unique: true });

export const submissionSchema = new Schema<SubmissionDoc>(versionFields(), { ...options, collection: 'submissions' });
submissionSchema.index({ branchId: 1, version: 1 }, { unique: true });

export const tokenSchema = new Schema<TokenDoc>(
  {
    tokenId: { type: String, required: true, match: TOKEN_ID_PATTERN },
    scope: { type: String, required: true, enum: ['branch', 'headOffice'] },
    branchId: {
      type: String,
      match: BRANCH_ID_PATTERN,
      required: [function (this: TokenDoc) { return this.scope === 'branch'; }, 'a branch token names its branch'],
      validate: {
        validator(this: TokenDoc, value: unknown) { return this.scope === 'branch' || value == null; },
        message: 'a head office token names no branch',
      },
    },
    hash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
    createdAt: { type: Date, required: true },
  },
  { ...options, collection: 'tokens' },
);
tokenSchema.index({ tokenId: 1 }, { unique: true });

export function defineModels(connection: Connection): Models {
  return {
    Branch: connection.model<BranchDoc>('Branch', branchSchema),
    Submission: connection.model<SubmissionDoc>('Submission', submissionSchema),
    Token: connection.model<TokenDoc>('Token', tokenSchema),
  };
}
