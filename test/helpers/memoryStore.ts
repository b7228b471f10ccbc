/**
 * A store in memory, for tests that need many branches fast (the report
 * performance test). It keeps the same contract as the real stores: the
 * contract suite runs against it too.
 */
import { createHash } from 'node:crypto';
import { KeyedMutex } from '../../src/store/mutex';
import {
  StoreClosedError, assertBranchId, assertTokenId, assertVersion, submissionMeta,
  type CurrentBranch, type NewSubmission, type Store, type SubmissionMeta, type TokenRecord,
} from '../../src/store';

export interface MemoryData {
  versions: Map<string, Array<{ meta: SubmissionMeta; bytes: Uint8Array }>>;
  tokens: Map<string, TokenRecord>;
}

export function memoryData(): MemoryData {
  return { versions: new Map(), tokens: new Map() };
}

export class MemoryStore implements Store {
  readonly kind = 'workspace' as const;
  readonly warnings: string[] = [];
  private readonly queue = new KeyedMutex();
  private closing = false;

  constructor(readonly data: MemoryData = memoryData()) {}

  fileOf(id: string): string {
    return `branches/${id}.json`;
  }

  async *current(): AsyncIterable<CurrentBranch> {
    for (const id of [...this.data.versions.keys()].sort()) {
      const last = this.data.versions.get(id)!.at(-1)!;
      yield { id, file: this.fileOf(id), version: last.meta.version, updatedAt: last.meta.createdAt, bytes: last.bytes };
    }
  }

  async submit(id: string, submission: NewSubmission): Promise<SubmissionMeta> {
    assertBranchId(id);
    if (this.closing) throw new StoreClosedError();
    return this.queue.run(id, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const list = this.data.versions.get(id) ?? [];
      const digest = createHash('sha256').update(submission.bytes).digest('hex');
      const current = list[list.length - 1];
      if (current && current.meta.sha256 === digest) return current.meta;
      const meta = submissionMeta(id, list.length + 1, submission, digest);
      list.push({ meta, bytes: submission.bytes });
      this.data.versions.set(id, list);
      return meta;
    });
  }

  async history(id: string): Promise<SubmissionMeta[]> {
    assertBranchId(id);
    return (this.data.versions.get(id) ?? []).map((v) => v.meta);
  }

  async submission(id: string, version: number): Promise<{ meta: SubmissionMeta; bytes: Uint8Array } | undefined> {
    assertBranchId(id);
    assertVersion(version);
    return this.data.versions.get(id)?.[version - 1];
  }

  async addToken(token: TokenRecord): Promise<void> {
    assertTokenId(token.id);
    this.data.tokens.set(token.id, token);
  }

  async token(id: string): Promise<TokenRecord | undefined> {
    assertTokenId(id);
    return this.data.tokens.get(id);
  }

  async tokens(): Promise<TokenRecord[]> {
    return [...this.data.tokens.values()];
  }

  async revokeToken(id: string): Promise<boolean> {
    assertTokenId(id);
    return this.data.tokens.delete(id);
  }

  healthy(): boolean {
    return !this.closing;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue.idle();
  }
}
