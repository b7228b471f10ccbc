/**
 * The MongoDB store (when MONGODB_URI is set). A version exists once its
 * submission is inserted: the unique (branchId, version) index makes that
 * the commit point, so two servers on one database never store the same
 * version twice (the loser retries with the next number), and within one
 * server a per-branch queue avoids the retries. The `branches` collection
 * then mirrors each branch's latest submission for listing; an update of
 * it only ever moves forward, and at start any branch left behind by a
 * process that died between the two writes is rolled forward. No
 * transactions, so a single mongod (no replica set) is enough.
 *
 * Filters are built from checked plain strings and numbers, and the
 * connection sanitizes filters, so a `{ "$ne": … }` can never reach a query.
 */
import mongoose, { type Connection } from 'mongoose';
import { KeyedMutex } from '../mutex';
import {
  StoreClosedError, StoreConfigError, assertBranchId, assertTokenId, assertVersion, submissionMeta,
  type CurrentBranch, type NewSubmission, type Store, type SubmissionMeta, type TokenRecord,
} from '../types';
import { createHash } from 'node:crypto';
import { defineModels, type BranchDoc, type Models, type SubmissionDoc, type TokenDoc } from './models';

export interface MongoStoreOptions {
  /** Database name, when the URI names none (tests use a fresh one). */
  dbName?: string;
  /** How long to look for a server before giving up (ms). */
  timeoutMs?: number;
  /** For `sopaudit token`: no repair of branches left behind. */
  tokensOnly?: boolean;
}

const MAX_ATTEMPTS = 20;

export class MongoStore implements Store {
  readonly kind = 'mongo' as const;
  readonly warnings: string[] = [];
  private readonly queue = new KeyedMutex();
  private closing = false;

  private constructor(
    private readonly connection: Connection,
    readonly models: Models,
  ) {}

  static async open(uri: string, options: MongoStoreOptions = {}): Promise<MongoStore> {
    const connection = mongoose.createConnection(uri, {
      // A timeout written in the URI wins over the default.
      ...(/[?&]serverSelectionTimeoutMS=/i.test(uri) && options.timeoutMs === undefined ? {} : { serverSelectionTimeoutMS: options.timeoutMs ?? 5000 }),
      ...(options.dbName !== undefined ? { dbName: options.dbName } : {}),
      sanitizeFilter: true,
      autoIndex: false,
      bufferCommands: false,
    });
    try {
      await connection.asPromise();
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw new StoreConfigError(`MONGODB_URI: cannot connect to MongoDB: ${(error as Error).message}`);
    }
    const models = defineModels(connection);
    await Promise.all([models.Branch.createIndexes(), models.Submission.createIndexes(), models.Token.createIndexes()]);
    const store = new MongoStore(connection, models);
    if (!options.tokensOnly) await store.rollForward();
    return store;
  }

  fileOf(id: string): string {
    return `branches/${id}`;
  }

  async *current(): AsyncIterable<CurrentBranch> {
    const cursor = this.models.Branch.find({}).sort({ branchId: 1 }).lean<BranchDoc>().cursor();
    for await (const doc of cursor) {
      const branch = doc as BranchDoc;
      yield {
        id: branch.branchId,
        file: this.fileOf(branch.branchId),
        version: branch.version,
        updatedAt: branch.createdAt.toISOString(),
        bytes: Buffer.from(branch.text, 'utf8'),
      };
    }
  }

  async submit(id: string, submission: NewSubmission): Promise<SubmissionMeta> {
    assertBranchId(id);
    if (this.closing) throw new StoreClosedError();
    return this.queue.run(id, () => this.write(id, submission));
  }

  private async write(id: string, submission: NewSubmission): Promise<SubmissionMeta> {
    const text = Buffer.from(submission.bytes).toString('utf8');
    const digest = createHash('sha256').update(submission.bytes).digest('hex');
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const latest = await this.models.Submission.findOne({ branchId: id }).sort({ version: -1 }).select({ text: 0 }).lean<SubmissionDoc>();
      if (latest && latest.sha256 === digest) return toMeta(latest);
      const { branch, createdAt, ...meta } = submissionMeta(id, (latest?.version ?? 0) + 1, submission, digest);
      const doc: SubmissionDoc = { ...meta, branchId: branch, createdAt: new Date(createdAt), text };
      try {
        await this.models.Submission.create(doc);
      } catch (error) {
        if (isDuplicateKey(error)) continue; // Another server took this number.
        throw error;
      }
      await this.advanceBranch(doc);
      return toMeta(doc);
    }
    throw new Error(`could not store a version of ${id} after ${MAX_ATTEMPTS} attempts`);
  }

  /** Makes `doc` the branch's current version unless a later one is already there. */
  private async advanceBranch(doc: SubmissionDoc): Promise<void> {
    try {
      await this.models.Branch.updateOne(
        { branchId: doc.branchId, version: mongoose.trusted({ $lt: doc.version }) },
        { $set: doc },
        { upsert: true, runValidators: true },
      );
    } catch (error) {
      // The upsert found the branch at a later version: nothing to do.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Branches whose latest submission is not their current version (a process died between the two writes). */
  private async rollForward(): Promise<void> {
    const latest = await this.models.Submission.aggregate<{ _id: string; version: number }>([
      { $group: { _id: '$branchId', version: { $max: '$version' } } },
    ]);
    const current = new Map<string, number>();
    for (const branch of await this.models.Branch.find({}).select({ branchId: 1, version: 1 }).lean<Array<{ branchId: string; version: number }>>()) {
      current.set(branch.branchId, branch.version);
    }
    for (const { _id: id, version } of latest) {
      if ((current.get(id) ?? 0) >= version) continue;
      const doc = await this.models.Submission.findOne({ branchId: id, version }).lean<SubmissionDoc>();
      if (doc) await this.advanceBranch(stripId(doc));
    }
  }

  async history(id: string): Promise<SubmissionMeta[]> {
    assertBranchId(id);
    const docs = await this.models.Submission.find({ branchId: id }).sort({ version: 1 }).select({ text: 0 }).lean<SubmissionDoc[]>();
    return docs.map(toMeta);
  }

  async submission(id: string, version: number): Promise<{ meta: SubmissionMeta; bytes: Uint8Array } | undefined> {
    assertBranchId(id);
    assertVersion(version);
    const doc = await this.models.Submission.findOne({ branchId: id, version }).lean<SubmissionDoc>();
    return doc ? { meta: toMeta(doc), bytes: Buffer.from(doc.text, 'utf8') } : undefined;
  }

  async addToken(token: TokenRecord): Promise<void> {
    assertTokenId(token.id);
    const doc: TokenDoc = { tokenId: token.id, scope: token.scope, hash: token.hash, createdAt: new Date(token.createdAt) };
    if (token.branch !== undefined) doc.branchId = token.branch;
    await this.models.Token.create(doc);
  }

  async token(id: string): Promise<TokenRecord | undefined> {
    assertTokenId(id);
    const doc = await this.models.Token.findOne({ tokenId: id }).lean<TokenDoc>();
    return doc ? toToken(doc) : undefined;
  }

  async tokens(): Promise<TokenRecord[]> {
    const docs = await this.models.Token.find({}).sort({ createdAt: 1, tokenId: 1 }).lean<TokenDoc[]>();
    return docs.map(toToken);
  }

  async revokeToken(id: string): Promise<boolean> {
    assertTokenId(id);
    const result = await this.models.Token.deleteOne({ tokenId: id });
    return result.deletedCount > 0;
  }

  healthy(): boolean {
    return !this.closing && this.connection.readyState === mongoose.ConnectionStates.connected;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue.idle();
    await this.connection.close();
  }

  /** For tests: drops the store's database. */
  async dropDatabase(): Promise<void> {
    await this.connection.dropDatabase();
  }
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

function toMeta(doc: SubmissionDoc): SubmissionMeta {
  return {
    branch: doc.branchId,
    version: doc.version,
    createdAt: new Date(doc.createdAt).toISOString(),
    source: doc.source,
    tokenId: doc.tokenId ?? null,
    valid: doc.valid,
    score: doc.score,
    sha256: doc.sha256,
    size: doc.size,
  };
}

function toToken(doc: TokenDoc): TokenRecord {
  const record: TokenRecord = { id: doc.tokenId, scope: doc.scope, hash: doc.hash, createdAt: new Date(doc.createdAt).toISOString() };
  if (doc.branchId != null) record.branch = doc.branchId;
  return record;
}

function stripId(doc: SubmissionDoc): SubmissionDoc {
  const { branchId, version, createdAt, source, tokenId, valid, score, sha256, size, text } = doc;
  return { branchId, version, createdAt, source, tokenId, valid, score, sha256, size, text };
}
