/**
 * What the server does, apart from HTTP: audits every stored branch once at
 * start, then takes uploads (parse, check the branch id, audit, store only
 * a schema-valid document, update the cached report) and answers reads from
 * the cache and the store. It throws domain errors (below); the HTTP layer
 * decides their statuses.
 */
import {
  Auditor, parseJsonBytes, parsePointer, valueAt,
  type BranchAudit, type BranchResult, type Finding, type JsonProblem,
} from '../engine';
import { eachLimited } from '../store/concurrency';
import type { Store, SubmissionMeta } from '../store/types';
import type { Clock } from './clock';
import { ReportCache, type BranchState } from './reportCache';

/** The body is not usable JSON (syntax, encoding, empty, duplicate key, too deep). */
export class NotJsonError extends Error {
  override readonly name = 'NotJsonError';
  constructor(readonly problem: JsonProblem) {
    super(`not JSON (${problem.code})`);
  }
}

/** The document names another branch than the URL. */
export class BranchMismatchError extends Error {
  override readonly name = 'BranchMismatchError';
  constructor(
    readonly pointer: string,
    readonly named: unknown,
    readonly id: string,
  ) {
    super(`the document names branch ${JSON.stringify(named)}, the URL ${id}`);
  }
}

/** The document breaks the schema: not stored. */
export class InvalidDocumentError extends Error {
  override readonly name = 'InvalidDocumentError';
  constructor(
    readonly result: BranchResult,
    /** The version that stays current, if any. */
    readonly current: number | undefined,
    /** The audit behind `result`, for a page that words the findings in its reader's language. */
    readonly audit: BranchAudit,
  ) {
    super('the document breaks the schema');
  }
}

export interface UploadResult {
  version: number;
  valid: boolean;
  score: number;
  findings: Finding[];
}

/** Branches recorded into the history at once on a first start (see BranchService.start). */
const RECORDING_AT_ONCE = 32;

export class BranchService {
  private constructor(
    readonly store: Store,
    private readonly auditor: Auditor,
    readonly cache: ReportCache,
    private readonly clock: Clock,
    private readonly branchIdPointer: string,
  ) {}

  /**
   * Audits every branch the store holds, once, and records workspace files
   * not yet in the history. Recording waits on the disk (each version is
   * synced), so up to RECORDING_AT_ONCE branches are recorded at a time:
   * the file system commits their syncs together, and a first start on a
   * large workspace takes seconds, not minutes. Each branch's own writes
   * stay in order (the store serializes them per branch).
   */
  static async start(store: Store, auditor: Auditor, cache: ReportCache, clock: Clock, branchIdPointer: string): Promise<BranchService> {
    const service = new BranchService(store, auditor, cache, clock, branchIdPointer);
    await eachLimited(store.current(), RECORDING_AT_ONCE, async (branch) => {
      const audit = { ...auditor.audit(branch.file, parseJsonBytes(branch.bytes)), id: branch.id };
      const result = cache.resultOf(audit);
      let { version, updatedAt } = branch;
      if (version === 0) {
        const createdAt = clock.now().toISOString();
        ({ version, createdAt: updatedAt } = await store.submit(branch.id, {
          bytes: branch.bytes, source: 'workspace', tokenId: null, valid: audit.valid, score: result.score, createdAt,
        }));
      }
      cache.put({ id: branch.id, file: branch.file, version, updatedAt, audit }, result);
    });
    return service;
  }

  /**
   * Takes a new version of a branch: 'created' when it is the branch's
   * first. Throws NotJsonError, BranchMismatchError or InvalidDocumentError
   * for a document it does not store.
   */
  async upload(id: string, bytes: Uint8Array, tokenId: string): Promise<UploadResult & { created: boolean }> {
    const document = parseJsonBytes(bytes);
    if (document.problem) throw new NotJsonError(document.problem);
    const named = valueAt(document.value, parsePointer(this.branchIdPointer) ?? []);
    if (named !== undefined && named !== id) throw new BranchMismatchError(this.branchIdPointer, named, id);
    const file = this.store.fileOf(id);
    const audit = { ...this.auditor.audit(file, document), id };
    const result = this.cache.resultOf(audit);
    const before = this.cache.get(id)?.version;
    if (!audit.valid) throw new InvalidDocumentError(result, before, audit);
    const meta = await this.store.submit(id, {
      bytes,
      source: 'upload',
      tokenId,
      valid: true,
      score: result.score,
      createdAt: this.clock.now().toISOString(),
    });
    this.cache.put({ id, file, version: meta.version, updatedAt: meta.createdAt, audit }, result);
    // Created: the branch had no version before (a re-upload of the current bytes stores nothing and is not a creation).
    return { version: meta.version, valid: true, score: result.score, findings: result.findings, created: before === undefined && meta.version === 1 };
  }

  /** The auditor (the pages audit stored versions with it, to show what changed between two). */
  get audits(): Auditor {
    return this.auditor;
  }

  /** The `file` label of a branch's findings. */
  fileOf(id: string): string {
    return this.store.fileOf(id);
  }

  branch(id: string): BranchState | undefined {
    return this.cache.get(id);
  }

  /** Every branch, or only the one a branch token may see. */
  branches(only?: string): BranchState[] {
    return this.cache.list(only);
  }

  history(id: string): Promise<SubmissionMeta[]> {
    return this.store.history(id);
  }

  submission(id: string, version: number): ReturnType<Store['submission']> {
    return this.store.submission(id, version);
  }
}
