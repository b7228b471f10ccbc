/**
 * The file system at the edge: bounded reads (a huge file is refused before
 * it is read), sopaudit's own JSON files read with positions for their
 * errors, and atomic writes (a temporary file beside the target, rename), so
 * a reader never sees half a file. Durable writes also fsync, so a crash
 * loses nothing; regenerated output skips that, and is not rewritten when it
 * already holds the same text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MAX_BYTES, describeJsonProblem, parseJsonBytes, type JsonDocument } from '../engine';

export type ReadResult = { bytes: Uint8Array } | { tooLarge: number };

export function readBounded(file: string, limit: number): ReadResult {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > limit) return { tooLarge: size };
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = fs.readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * `durable: false` skips the fsyncs: still atomic for readers, but a crash may
 * lose the write. Right for output that is regenerated anyway (report pages),
 * where an fsync per page would dominate the time to write thousands.
 * Returns the inode number the file was written to, so that a caller can
 * tell its own file from one another writer put there afterwards.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { durable?: boolean } = {}): number {
  const durable = options.durable ?? true;
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o644);
  let ino: number;
  try {
    fs.writeFileSync(fd, data);
    if (durable) fs.fsyncSync(fd);
    ino = fs.fstatSync(fd).ino;
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  if (durable) syncDirectory(dir);
  return ino;
}

/**
 * writeFileAtomic, unless the file already holds exactly `data`. For output
 * regenerated on every run (report pages), where most pages come out the
 * same: reading a file back costs a fraction of replacing it, since ext4
 * flushes a file's data before a rename over an existing one.
 * Returns whether it wrote.
 */
export function writeFileIfChanged(file: string, data: string, options: { durable?: boolean } = {}): boolean {
  if (holding(file, data)) return false;
  writeFileAtomic(file, data, options);
  return true;
}

/**
 * The file's status when it is a regular file holding exactly `data`, else
 * undefined. The status is taken from the descriptor the text was read
 * through, so it describes that very file.
 */
export function holding(file: string, data: string): fs.Stats | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined; // missing or unreadable: not holding it
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size !== Buffer.byteLength(data)) return undefined;
    // Compared as text: decoding the file natively costs less than encoding `data` to compare bytes.
    const current = fs.readFileSync(fd, 'utf8');
    if (current !== data) return undefined;
    // Bytes that are not UTF-8 decode to U+FFFD: only then can equal text hide different bytes.
    if (current.includes('\uFFFD') && !Buffer.from(data, 'utf8').equals(fs.readFileSync(file))) return undefined;
    return stat;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A path relative to a folder, with forward slashes (as reports and globs use). */
export function relativePosix(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/**
 * A JSON file sopaudit reads for itself (sopaudit.json, the standard,
 * waivers, a baseline; schema files say "the schema" in their own error): bounded, decoded strictly as UTF-8 and
 * parsed with positions, like a branch file. A file that is missing, too
 * large or not usable JSON is one line, `<label>:<line>:<col>: not valid JSON:
 * <what is wrong>`, thrown as the caller's own error type.
 */
export function readJsonFile(file: string, label: string, fail: (message: string) => Error, limit = MAX_BYTES): JsonDocument {
  let read;
  try {
    read = readBounded(file, limit);
  } catch (error) {
    throw fail(`${label} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if ('tooLarge' in read) throw fail(`${label} is larger than ${limit} bytes`);
  const document = parseJsonBytes(read.bytes);
  if (document.problem) {
    const { line, column } = document.problem;
    throw fail(`${label}:${line}:${column}: not valid JSON: ${describeJsonProblem(document.problem)}`);
  }
  return document;
}
