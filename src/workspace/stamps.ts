/**
 * Output regenerated on every run that mostly comes out the same (report
 * pages): a stamp per file, the digest of what was written with the size and
 * modification time the file had then, lets the next run skip a file whose
 * new content has the same digest and which nobody has touched since,
 * without reading it back. The stamps of a folder live in one JSON file.
 *
 * A missing or unreadable stamps file only means every file is written
 * again; a file changed or removed by hand no longer matches its stamp and
 * is written again too.
 */
import { hash } from 'node:crypto';
import fs from 'node:fs';
import { writeFileAtomic, writeFileIfChanged } from './files';

export interface FileStamp {
  /** SHA-1 of the content, base64: a fingerprint, not a defence against anyone. */
  digest: string;
  size: number;
  mtimeMs: number;
}

const FORMAT = 1;

/** The stamps a previous run saved, by the name it gave each file; none when there are none to trust. */
export function readStamps(file: string): Map<string, FileStamp> {
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; files?: Record<string, unknown> };
    if (saved.format !== FORMAT || saved.files === null || typeof saved.files !== 'object') return new Map();
    return new Map(Object.entries(saved.files).filter((entry): entry is [string, FileStamp] => isStamp(entry[1])));
  } catch {
    return new Map();
  }
}

export function writeStamps(file: string, stamps: ReadonlyMap<string, FileStamp>): void {
  writeFileAtomic(file, JSON.stringify({ format: FORMAT, files: Object.fromEntries(stamps) }), { durable: false });
}

/**
 * Writes `content` to `file` (atomically, without an fsync: the output is
 * regenerated anyway) unless `previous` shows the file already holds it.
 * Returns the file's stamp now.
 */
export function writeStamped(file: string, content: string, previous?: FileStamp): FileStamp {
  const digest = hash('sha1', content, 'base64');
  if (previous?.digest === digest) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && stat.size === previous.size && stat.mtimeMs === previous.mtimeMs) return previous;
  }
  // Without a stamp (a first run, lost stamps) the file itself tells: replacing an equal file costs more than reading it.
  if (previous === undefined) writeFileIfChanged(file, content, { durable: false });
  else writeFileAtomic(file, content, { durable: false });
  const stat = fs.statSync(file);
  return { digest, size: stat.size, mtimeMs: stat.mtimeMs };
}

function isStamp(value: unknown): value is FileStamp {
  const stamp = value as FileStamp | null;
  return stamp !== null && typeof stamp === 'object'
    && typeof stamp.digest === 'string' && typeof stamp.size === 'number' && typeof stamp.mtimeMs === 'number';
}
