/**
 * Asynchronous atomic writes for the server, the same protocol as the CLI's
 * writeFileAtomic (a temporary file beside the target, fsync, rename, fsync
 * of the folder) without blocking the event loop on the disk. A reader, or
 * a process killed at any moment, sees the old file or the new one, never
 * part of one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Temporary files this module (and writeFileAtomic) leave behind only when a process dies mid-write. */
const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

function isTempFile(name: string): boolean {
  return TEMP_FILE.test(name);
}

export async function writeAtomic(file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** Makes renames and unlinks in a folder durable. */
export async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}

/** Removes temporary files a killed process left in a folder (not below it); `listed`: its names, when the caller has read them already. */
export async function removeStaleTemps(dir: string, listed?: readonly string[]): Promise<void> {
  let names = listed;
  if (!names) {
    try {
      names = await fs.readdir(dir);
    } catch {
      return;
    }
  }
  await Promise.all(names.filter(isTempFile).map((name) => fs.rm(path.join(dir, name), { force: true })));
}

export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
