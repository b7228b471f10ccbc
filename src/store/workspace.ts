/**
 * The workspace store (the default): the workspace folder itself is the
 * database, so `sopaudit check` and git see exactly what the server serves.
 *
 *   <uploads>/<id>.json              the current document of a new branch; a
 *                                    branch that already has a file keeps it
 *   .sopaudit/history/<id>/<n>.json       version n, the bytes as received
 *   .sopaudit/history/<id>/<n>.meta.json  its metadata (the commit point)
 *   .sopaudit/history/<id>/pending.json   the version being written, while it is
 *   .sopaudit/tokens.json                 token ids, scopes and hashes
 *   .sopaudit/server.lock                 the pid of the one server on this folder
 *
 * <uploads> is the folder the first `branches` glob starts with
 * (`branches/` for the default `branches/**\/*.json`).
 *
 * An upload of version n writes pending.json, then <n>.json, then
 * <n>.meta.json (from here on the version exists), then the branch file,
 * then removes pending.json; every write is atomic (temporary file, fsync,
 * rename). A process killed anywhere leaves the branch file at the previous
 * or the new version; on the next start a version committed but not yet in
 * the branch file is rolled forward, and one not committed is dropped.
 * Writes to one branch go through a per-branch queue. A branch file that
 * differs from its latest recorded version (edited or pulled while the
 * server was stopped) is recorded as a new version from the workspace.
 *
 * Only one server may use a folder: two would each number versions on their
 * own and lose uploads. The lock names its process, and the lock of a process
 * that is gone is taken over.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_BYTES, fileStem, parseJsonBytes, parsePointer, valueAt } from '../engine';
import type { ResolvedConfig } from '../workspace/config';
import { readBounded, relativePosix } from '../workspace/files';
import { branchFiles } from '../workspace/load';
import { readIfExists, removeStaleTemps, writeAtomic } from './atomic';
import { eachLimited, mapLimited } from './concurrency';
import { KeyedMutex } from './mutex';
import {
  StoreClosedError, StoreConfigError, assertBranchId, assertTokenId, assertVersion, isBranchId, submissionMeta,
  type CurrentBranch, type NewSubmission, type Store, type SubmissionMeta, type TokenRecord,
} from './types';

export const STATE_FOLDER = '.sopaudit';
const META = /^([1-9]\d*)\.meta\.json$/;
const PENDING = 'pending.json';
/** Files opened at once when many are read (a long history, every branch's history at start). */
const FILES_AT_ONCE = 64;

export class WorkspaceStore implements Store {
  readonly kind = 'workspace' as const;
  readonly warnings: string[] = [];
  private readonly historyRoot: string;
  private readonly tokensFile: string;
  /** Branch id → absolute path of its current file. */
  private readonly files = new Map<string, string>();
  /** Branch id → its latest committed version (also for branches whose file is gone). */
  private readonly latest = new Map<string, SubmissionMeta>();
  /** Branches whose file is not (yet) the latest recorded version. */
  private readonly unrecorded = new Set<string>();
  /** Branch id → SHA-256 of a version rolled forward at start. */
  private readonly rolledForward = new Map<string, string>();
  private readonly queue = new KeyedMutex();
  private closing = false;
  private readonly lockFile: string;
  private locked = false;
  private tokenCache?: { key: string; tokens: TokenRecord[] };

  private constructor(
    private readonly config: ResolvedConfig,
    /** Where new branches' files go. */
    readonly uploads: string,
  ) {
    this.historyRoot = path.join(config.dir, STATE_FOLDER, 'history');
    this.tokensFile = path.join(config.dir, STATE_FOLDER, 'tokens.json');
    this.lockFile = path.join(config.dir, STATE_FOLDER, 'server.lock');
  }

  /**
   * Opens the store. `tokensOnly` (for `sopaudit token`, which may run
   * beside a server) neither reads the branches nor repairs anything.
   */
  static async open(config: ResolvedConfig, options: { tokensOnly?: boolean } = {}): Promise<WorkspaceStore> {
    const store = new WorkspaceStore(config, options.tokensOnly ? config.dir : uploadsFolder(config));
    if (!options.tokensOnly) {
      await store.lock();
      try {
        await store.load();
      } catch (error) {
        await store.unlock();
        throw error;
      }
    }
    return store;
  }

  fileOf(id: string): string {
    return relativePosix(this.config.dir, this.files.get(id) ?? path.join(this.uploads, `${id}.json`));
  }

  async *current(): AsyncIterable<CurrentBranch> {
    const ids = [...this.files.keys()].sort(byCodeUnits);
    // Read ahead a batch at a time: one file after another would wait on the disk for each.
    for (let i = 0; i < ids.length; i += FILES_AT_ONCE) {
      const batch = ids.slice(i, i + FILES_AT_ONCE);
      const contents = await Promise.all(batch.map((id) => readIfExists(this.files.get(id)!)));
      for (let n = 0; n < batch.length; n++) {
        const id = batch[n];
        const bytes = contents[n];
        if (!bytes) continue;
        const meta = this.latest.get(id);
        const recorded = meta !== undefined && !this.unrecorded.has(id);
        yield { id, file: this.fileOf(id), version: recorded ? meta.version : 0, updatedAt: recorded ? meta.createdAt : '', bytes };
      }
    }
  }

  async submit(id: string, submission: NewSubmission): Promise<SubmissionMeta> {
    assertBranchId(id);
    if (this.closing) throw new StoreClosedError();
    return this.queue.run(id, () => this.write(id, submission));
  }

  private async write(id: string, submission: NewSubmission): Promise<SubmissionMeta> {
    const previous = this.latest.get(id);
    const digest = sha256(submission.bytes);
    if (previous && previous.sha256 === digest && !this.unrecorded.has(id)) return previous;
    const version = (previous?.version ?? 0) + 1;
    const dir = path.join(this.historyRoot, id);
    const meta = submissionMeta(id, version, submission, digest);
    const upload = submission.source === 'upload';
    const pending = path.join(dir, PENDING);
    if (upload) await writeAtomic(pending, JSON.stringify({ version }) + '\n');
    await writeAtomic(path.join(dir, `${version}.json`), submission.bytes);
    await writeAtomic(path.join(dir, `${version}.meta.json`), JSON.stringify(meta, null, 2) + '\n');
    if (upload) {
      const file = this.files.get(id) ?? path.join(this.uploads, `${id}.json`);
      try {
        await writeAtomic(file, submission.bytes);
      } catch (error) {
        // Un-commit: the branch file still holds the previous version.
        await fs.rm(path.join(dir, `${version}.meta.json`), { force: true });
        await fs.rm(path.join(dir, `${version}.json`), { force: true });
        throw error;
      }
      this.files.set(id, file);
      await fs.rm(pending, { force: true });
    }
    this.latest.set(id, meta);
    this.unrecorded.delete(id);
    return meta;
  }

  async history(id: string): Promise<SubmissionMeta[]> {
    assertBranchId(id);
    const versions = await this.versions(id);
    const metas = await mapLimited(versions, FILES_AT_ONCE, (version) => this.meta(id, version));
    return metas.filter((meta): meta is SubmissionMeta => meta !== undefined);
  }

  async submission(id: string, version: number): Promise<{ meta: SubmissionMeta; bytes: Uint8Array } | undefined> {
    assertBranchId(id);
    assertVersion(version);
    const meta = await this.meta(id, version);
    if (!meta) return undefined;
    const bytes = await readIfExists(path.join(this.historyRoot, id, `${version}.json`));
    return bytes && { meta, bytes };
  }

  async addToken(token: TokenRecord): Promise<void> {
    assertTokenId(token.id);
    await this.withTokenLock(async () => {
      const tokens = await this.readTokens(true);
      if (tokens.some((t) => t.id === token.id)) throw new Error(`token id ${token.id} exists`);
      await this.writeTokens([...tokens, token]);
    });
  }

  async token(id: string): Promise<TokenRecord | undefined> {
    assertTokenId(id);
    return (await this.readTokens(false)).find((t) => t.id === id);
  }

  async tokens(): Promise<TokenRecord[]> {
    return [...(await this.readTokens(false))];
  }

  async revokeToken(id: string): Promise<boolean> {
    assertTokenId(id);
    return this.withTokenLock(async () => {
      const tokens = await this.readTokens(true);
      const kept = tokens.filter((t) => t.id !== id);
      if (kept.length === tokens.length) return false;
      await this.writeTokens(kept);
      return true;
    });
  }

  healthy(): boolean {
    return !this.closing;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue.idle();
    await this.unlock();
  }

  /**
   * One server per workspace: two would each number versions from what they
   * read at start and overwrite each other's uploads. The lock file names
   * its process; one whose process is gone (a crash, a kill) is taken over,
   * and so is one naming this very process when this process holds no lock
   * there: a container restarts its server under the same pid.
   */
  private async lock(): Promise<void> {
    await fs.mkdir(path.dirname(this.lockFile), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await createWhole(this.lockFile, JSON.stringify({ pid: process.pid }) + '\n')) {
        this.locked = true;
        HELD_HERE.add(this.lockFile);
        return;
      }
      const holder = await lockHolder(this.lockFile);
      const ours = holder === process.pid && !HELD_HERE.has(this.lockFile);
      if (holder !== undefined && !ours && isRunning(holder)) {
        throw new StoreConfigError(
          `another sopaudit server (process ${holder}) is serving this workspace; stop it first, or remove ${relativePosix(this.config.dir, this.lockFile)} if that process is not sopaudit`,
        );
      }
      await fs.rm(this.lockFile, { force: true });
    }
    throw new StoreConfigError(`cannot take ${relativePosix(this.config.dir, this.lockFile)}: another server started at the same moment`);
  }

  private async unlock(): Promise<void> {
    if (!this.locked) return;
    this.locked = false;
    HELD_HERE.delete(this.lockFile);
    await fs.rm(this.lockFile, { force: true });
  }

  // Opening: find the branch files, finish interrupted writes, note what changed while stopped.

  private async load(): Promise<void> {
    await removeStaleTemps(this.uploads);
    const shas = new Map<string, string>();
    for (const file of branchFiles(this.config)) {
      const label = relativePosix(this.config.dir, file);
      const read = readBounded(file, MAX_BYTES);
      if ('tooLarge' in read) {
        this.warnings.push(`${label} is larger than ${MAX_BYTES} bytes; the server leaves it out`);
        continue;
      }
      const id = this.idOf(file, read.bytes);
      if (!isBranchId(id)) {
        this.warnings.push(`${label} names the branch ${JSON.stringify(id)}, which is not a branch id the server accepts ([A-Za-z0-9._-], at most 64); the server leaves it out`);
        continue;
      }
      const other = this.files.get(id);
      if (other) {
        this.warnings.push(`${label} names the branch ${id}, like ${relativePosix(this.config.dir, other)}; the server serves only the first`);
        continue;
      }
      this.files.set(id, file);
      shas.set(id, sha256(read.bytes));
    }
    // Branches are independent: their histories are opened many at a time.
    await eachLimited(await this.historyIds(), FILES_AT_ONCE, async (id) => {
      // One listing serves both: recovery only ever removes files no version is counted from.
      const names = await this.historyNames(id);
      await this.recover(id, names);
      const versions = versionsIn(names);
      const last = versions.length > 0 ? await this.meta(id, versions[versions.length - 1]) : undefined;
      if (last) this.latest.set(id, last);
    });
    for (const [id, sha] of shas) {
      const rolled = this.rolledForward.get(id);
      const current = rolled ?? sha;
      if (this.latest.get(id)?.sha256 !== current) this.unrecorded.add(id);
    }
  }

  /** Finishes or drops the write a killed process left behind (see the header). */
  private async recover(id: string, names: readonly string[]): Promise<void> {
    const dir = path.join(this.historyRoot, id);
    await removeStaleTemps(dir, names);
    if (!names.includes(PENDING)) return;
    const pendingText = await readIfExists(path.join(dir, PENDING));
    if (!pendingText) return;
    let version: unknown;
    try {
      version = (JSON.parse(pendingText.toString('utf8')) as { version?: unknown }).version;
    } catch {
      version = undefined;
    }
    if (typeof version === 'number' && Number.isSafeInteger(version) && version > 0) {
      const committed = await this.meta(id, version);
      const bytes = await readIfExists(path.join(dir, `${version}.json`));
      if (committed && bytes) {
        const file = this.files.get(id) ?? path.join(this.uploads, `${id}.json`);
        await writeAtomic(file, bytes);
        this.files.set(id, file);
        this.rolledForward.set(id, sha256(bytes));
      } else {
        await fs.rm(path.join(dir, `${version}.json`), { force: true });
      }
    }
    await fs.rm(path.join(dir, PENDING), { force: true });
  }

  private async historyIds(): Promise<string[]> {
    try {
      return (await fs.readdir(this.historyRoot)).filter(isBranchId).sort(byCodeUnits);
    } catch {
      return [];
    }
  }

  private async versions(id: string): Promise<number[]> {
    return versionsIn(await this.historyNames(id));
  }

  /** The files of a branch's history folder (none when it has no folder yet). */
  private async historyNames(id: string): Promise<string[]> {
    try {
      return await fs.readdir(path.join(this.historyRoot, id));
    } catch {
      return [];
    }
  }

  private async meta(id: string, version: number): Promise<SubmissionMeta | undefined> {
    const text = await readIfExists(path.join(this.historyRoot, id, `${version}.meta.json`));
    return text && (JSON.parse(text.toString('utf8')) as SubmissionMeta);
  }

  /** The id the auditor gives the file: its document's branch id, else its name. */
  private idOf(file: string, bytes: Uint8Array): string {
    const document = parseJsonBytes(bytes);
    if (!document.problem) {
      const id = valueAt(document.value, parsePointer(this.config.branchId) ?? []);
      if (typeof id === 'string' && id !== '') return id;
    }
    return fileStem(file);
  }

  // Tokens: read often (every authenticated request), written rarely (by `sopaudit token`).

  private async readTokens(fresh: boolean): Promise<TokenRecord[]> {
    let stat;
    try {
      stat = await fs.stat(this.tokensFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const key = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    if (!fresh && this.tokenCache?.key === key) return this.tokenCache.tokens;
    const text = await fs.readFile(this.tokensFile, 'utf8');
    const parsed = JSON.parse(text) as { tokens?: unknown };
    if (!Array.isArray(parsed.tokens)) throw new StoreConfigError(`${relativePosix(this.config.dir, this.tokensFile)} is not a token file`);
    const tokens = parsed.tokens as TokenRecord[];
    this.tokenCache = { key, tokens };
    return tokens;
  }

  private async writeTokens(tokens: TokenRecord[]): Promise<void> {
    await writeAtomic(this.tokensFile, JSON.stringify({ tokens }, null, 2) + '\n', 0o600);
  }

  /** `sopaudit token` may run twice at once: a lock file keeps their read-modify-write apart. */
  private async withTokenLock<T>(work: () => Promise<T>): Promise<T> {
    const lock = this.tokensFile + '.lock';
    await fs.mkdir(path.dirname(lock), { recursive: true });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await (await fs.open(lock, 'wx')).close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = await fs.stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > 30_000) await fs.rm(lock, { force: true });
        else if (Date.now() > deadline) throw new Error(`${lock} is held by another process; remove it if none is running`);
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    try {
      return await work();
    } finally {
      await fs.rm(lock, { force: true });
    }
  }
}

/**
 * The folder uploads of new branches are written to: the static start of
 * the first `branches` glob, whose rest must take `<id>.json` in that
 * folder (`**\/*.json` or `*.json`), inside the workspace and outside the
 * schema folder, so that the next `check` and the next start find them.
 */
export function uploadsFolder(config: ResolvedConfig): string {
  const glob = config.branches[0];
  const parts = glob.split('/').filter((part) => part !== '' && part !== '.');
  const fixed: string[] = [];
  for (const part of parts) {
    if (/[*?[\]{}()!+@]/.test(part)) break;
    fixed.push(part);
  }
  const rest = parts.slice(fixed.length).join('/');
  const folder = path.resolve(config.dir, fixed.join('/'));
  const inside = path.relative(config.dir, folder);
  const schemaFolder = path.dirname(config.schema);
  const usable =
    fixed.length > 0
    && (rest === '*.json' || rest === '**/*.json')
    && inside !== ''
    && !inside.startsWith('..')
    && !path.isAbsolute(inside)
    && folder !== schemaFolder
    && !folder.startsWith(schemaFolder + path.sep);
  if (!usable) {
    throw new StoreConfigError(
      `sopaudit.json: "branches" starts with ${JSON.stringify(glob)}; the server writes uploads to <folder>/<id>.json and needs a first glob like "branches/**/*.json" (a folder inside the workspace, outside the schema folder)`,
    );
  }
  return folder;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Server locks this process holds (a second store in one process is refused like a second server). */
const HELD_HERE = new Set<string>();

/**
 * Creates `file` holding `text` unless it exists; false when it does. The
 * text is written to a temporary file first and linked into place, so no
 * reader ever sees the file empty (a lock read empty would pass for torn).
 */
async function createWhole(file: string, text: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temp, text, { flag: 'wx' });
  try {
    await fs.link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** The process id a server lock names, if the file still holds one. */
async function lockHolder(file: string): Promise<number | undefined> {
  try {
    const pid = (JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // gone meanwhile, or torn: nobody holds it
  }
}

/** Whether a process of this id exists (signal 0 checks without sending anything). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The committed versions among a history folder's files (a version exists once its metadata does), in order. */
function versionsIn(names: readonly string[]): number[] {
  const versions: number[] = [];
  for (const name of names) {
    const match = META.exec(name);
    if (match) versions.push(Number(match[1]));
  }
  return versions.sort((a, b) => a - b);
}
