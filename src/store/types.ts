/**
 * The storage contract of the server: branch documents with every version
 * kept, and API tokens (only their hashes). Two implementations keep it:
 * the workspace folder (workspace.ts) and MongoDB (mongo/store.ts); one
 * contract test suite runs against both. A store holds data only: it never
 * audits, never speaks HTTP, and throws the typed errors below.
 */

/** Branch ids the server accepts: safe as a file name and a URL segment, never `.` or `..`. */
export const BRANCH_ID_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,64}$/;

export function isBranchId(value: unknown): value is string {
  return typeof value === 'string' && BRANCH_ID_PATTERN.test(value);
}

/** Where a version came from: an API upload, or a branch file found in the workspace. */
export type Source = 'upload' | 'workspace';

/** One stored version's metadata (spec: "every version kept"). Never holds a token secret. */
export interface SubmissionMeta {
  branch: string;
  /** 1, 2, 3, … per branch, without gaps. */
  version: number;
  /** ISO 8601 time it was stored. */
  createdAt: string;
  source: Source;
  /** Id of the token that uploaded it (null for a workspace file). */
  tokenId: string | null;
  valid: boolean;
  score: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

export interface NewSubmission {
  bytes: Uint8Array;
  source: Source;
  tokenId: string | null;
  valid: boolean;
  score: number;
  createdAt: string;
}

/** A branch's current document as the start-up audit reads it. */
export interface CurrentBranch {
  id: string;
  /** The `file` of spec §3: relative to the workspace, or the upload's name on the server. */
  file: string;
  /** The version these bytes are; 0 when the store holds them but has not recorded them yet (a workspace file new or changed since the last run). */
  version: number;
  /** When the version was stored (ISO 8601); empty when version is 0. */
  updatedAt: string;
  bytes: Uint8Array;
}

export type TokenScope = 'branch' | 'headOffice';

/** An API token as stored: its id, scope and SHA-256, never the token itself. */
export interface TokenRecord {
  id: string;
  scope: TokenScope;
  /** The branch it speaks for, when scope is 'branch'. */
  branch?: string;
  /** SHA-256 of the whole token string, hex. */
  hash: string;
  createdAt: string;
}

/** The metadata of a new version: what was submitted, its number, and the digest of its bytes. */
export function submissionMeta(id: string, version: number, submission: NewSubmission, sha256: string): SubmissionMeta {
  return {
    branch: id,
    version,
    createdAt: submission.createdAt,
    source: submission.source,
    tokenId: submission.tokenId,
    valid: submission.valid,
    score: submission.score,
    sha256,
    size: submission.bytes.length,
  };
}

export interface Store {
  readonly kind: 'workspace' | 'mongo';
  /** Remarks from opening the store (duplicate or unusable branch files), to log once. */
  readonly warnings: readonly string[];
  /** The `file` label findings of this branch carry. */
  fileOf(id: string): string;
  /** Every branch's current document, in id order. */
  current(): AsyncIterable<CurrentBranch>;
  /**
   * Stores the next version of a branch (the first creates it). Versions of
   * one branch are stored one at a time, so none is lost and numbers have no
   * gaps; a workspace-source submission records the file already there. A
   * submission of exactly the bytes of the current version stores nothing
   * and answers that version (a retried PUT must not make a new one).
   */
  submit(id: string, submission: NewSubmission): Promise<SubmissionMeta>;
  /** Every version's metadata, oldest first; empty for an unknown branch. */
  history(id: string): Promise<SubmissionMeta[]>;
  submission(id: string, version: number): Promise<{ meta: SubmissionMeta; bytes: Uint8Array } | undefined>;
  addToken(token: TokenRecord): Promise<void>;
  token(id: string): Promise<TokenRecord | undefined>;
  tokens(): Promise<TokenRecord[]>;
  /** False when the token did not exist. */
  revokeToken(id: string): Promise<boolean>;
  /** False when the store cannot serve (a lost database connection). */
  healthy(): boolean;
  /** Refuses new writes, waits for those in progress, then releases the store. */
  close(): Promise<void>;
}

/** A store that cannot be opened or used as configured (exit 2 at start). */
export class StoreConfigError extends Error {
  override readonly name = 'StoreConfigError';
}

/** A write arrived after close() began. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor() {
    super('the store is closing');
  }
}

/** A branch id or version that is not a plain, valid value: refused before it reaches a file name or a query. */
export function assertBranchId(id: unknown): asserts id is string {
  if (!isBranchId(id)) throw new TypeError(`not a branch id: ${typeof id === 'string' ? JSON.stringify(id) : typeof id}`);
}

export function assertVersion(version: unknown): asserts version is number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw new TypeError('not a version number');
}

/** A version number as a URL gives it ("1", "2", …), or undefined for anything else. */
export function parseVersion(text: unknown): number | undefined {
  return typeof text === 'string' && /^[1-9]\d{0,14}$/.test(text) ? Number(text) : undefined;
}

export function assertTokenId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !TOKEN_ID_PATTERN.test(id)) throw new TypeError('not a token id');
}

/** Token ids: 16 lowercase hex digits. */
export const TOKEN_ID_PATTERN = /^[0-9a-f]{16}$/;
