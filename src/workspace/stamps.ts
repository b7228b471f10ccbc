/**
 * Output regenerated on every run that mostly comes out the same (report
 * pages): a stamp per file, the digest of what was written with the file's
 * inode, size and modification and change times then, lets the next run
 * skip a file whose new content has the same digest and which nobody has
 * touched since, without reading it back. The stamps of a folder live in one
 * JSON file; they are a cache, never the truth.
 *
 * A missing or unreadable stamps file only means the files are compared as
 * text again. A file changed in place gets a new change time (which no tool
 * can set back), one replaced gets a new inode: either no longer matches.
 */
import { hash } from 'node:crypto';
import fs from 'node:fs';
import { holding, readBounded, writeFileAtomic } from './files';

export interface FileStamp {
  /** SHA-1 of the content, base64: a fingerprint, not a defence against anyone. */
  digest: string;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

const FORMAT = 2;
/** Far above what 100 000 pages' stamps take: a larger file is not ours to trust. */
const MAX_STAMPS_BYTES = 64 * 1024 * 1024;

/** The stamps a previous run saved, by the name it gave each file; none when there are none to trust. */
export function readStamps(file: string): Map<string, FileStamp> {
  const stamps = new Map<string, FileStamp>();
  try {
    const read = readBounded(file, MAX_STAMPS_BYTES);
    if ('tooLarge' in read) return stamps;
    const saved = JSON.parse(Buffer.from(read.bytes).toString('utf8')) as { format?: unknown; files?: unknown };
    if (saved.format !== FORMAT || saved.files === null || typeof saved.files !== 'object') return stamps;
    for (const [name, value] of Object.entries(saved.files)) {
      const stamp = stampFrom(value);
      if (stamp) stamps.set(name, stamp);
    }
  } catch {
    // Missing or broken: no stamps.
  }
  return stamps;
}

/** Saves the stamps of this run (atomically, without an fsync: they are regenerated with the files). */
export function writeStamps(file: string, stamps: ReadonlyMap<string, FileStamp>): void {
  writeFileAtomic(file, JSON.stringify({ format: FORMAT, files: Object.fromEntries(stamps) }), { durable: false });
}

/**
 * Writes `content` to `file` (atomically, without an fsync: the output is
 * regenerated anyway) unless `previous` shows the file already holds it, or,
 * without a stamp, the file itself does. Returns the file's stamp now, or
 * undefined when another writer replaced the file before it could be taken.
 */
export function writeStamped(file: string, content: string, previous?: FileStamp): FileStamp | undefined {
  const digest = hash('sha1', content, 'base64');
  if (previous?.digest === digest && matches(fs.lstatSync(file, { throwIfNoEntry: false }), previous)) return previous;
  // Without a stamp (a first run, lost stamps) the file itself tells: replacing an equal file costs more than reading it.
  const held = previous === undefined ? holding(file, content) : undefined;
  if (held) return stampOf(digest, held);
  const ino = writeFileAtomic(file, content, { durable: false });
  const now = fs.lstatSync(file, { throwIfNoEntry: false });
  return now && now.ino === ino ? stampOf(digest, now) : undefined;
}

function matches(stat: fs.Stats | undefined, stamp: FileStamp): boolean {
  return stat !== undefined && stat.isFile()
    && stat.ino === stamp.ino && stat.size === stamp.size && stat.mtimeMs === stamp.mtimeMs && stat.ctimeMs === stamp.ctimeMs;
}

function stampOf(digest: string, stat: fs.Stats): FileStamp {
  return { digest, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs };
}

/** A stamp as saved, rebuilt field by field (anything else in the file is dropped). */
function stampFrom(value: unknown): FileStamp | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { digest, ino, size, mtimeMs, ctimeMs } = value as Record<string, unknown>;
  const numbers = [ino, size, mtimeMs, ctimeMs];
  if (typeof digest !== 'string' || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  return { digest, ino: ino as number, size: size as number, mtimeMs: mtimeMs as number, ctimeMs: ctimeMs as number };
}
