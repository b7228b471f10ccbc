/** Small pieces several commands share. */
import fs from 'node:fs';
import path from 'node:path';
import { relativePosix, writeFileAtomic } from '../../workspace/files';
import type { CliContext } from '../context';
import { ServerConfigError } from '../../server/config';
import { StoreConfigError } from '../../store/types';
import { UsageError } from '../errors';

/**
 * Where report file paths are seen from: the folder sopaudit runs in (the
 * repository root in CI), so that annotations and SARIF name files GitHub can
 * find whatever subfolder the workspace is.
 */
export function reportRoot(context: CliContext, workspace: string): string {
  return relativePosix(context.cwd, workspace);
}

/** Remarks that do not stop a run (Ajv's strict mode on the schema, branch ids used twice), once, on stderr. */
export function printWarnings(warnings: readonly string[], context: CliContext): void {
  for (const warning of warnings) context.stderr.write(`sopaudit: warning: ${warning}\n`);
}

/**
 * Writes a file the user named (atomically); a path that is a folder, or a
 * folder that cannot be made or written, is a usage error naming the option.
 */
export function writeOutput(file: string, data: string, option: string, durable = true): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`${option} ${file} is a folder; name a file`);
  try {
    writeFileAtomic(file, data, { durable });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    const blocking = code === 'EEXIST' || code === 'ENOTDIR' ? fileInTheWay(path.dirname(file)) : undefined;
    if (blocking) throw new UsageError(`${option} ${file} cannot be written: ${blocking} is a file, not a folder`);
    throw new UsageError(`${option} ${file} cannot be written (${code})`);
  }
}

/** The nearest ancestor of `dir` that exists, when it is a file rather than a folder (mkdir reports it as EEXIST). */
function fileInTheWay(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(at)) return fs.statSync(at).isDirectory() ? undefined : at;
    if (path.dirname(at) === at) return undefined;
  }
}

/** A bad server setting or store configuration (a wrong MONGODB_URI, say) is the user's to fix: exit 2, one line. */
export async function asUsageError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServerConfigError || error instanceof StoreConfigError) throw new UsageError(error.message);
    throw error;
  }
}
