/**
 * How many threads a run uses when `--jobs` does not say. Its own module,
 * with nothing but `os` behind it, so that the command line's help can name
 * the figure without loading the audit.
 */
import os from 'node:os';

/**
 * Items a thread must have to pay for its start: each worker loads the
 * modules, compiles the schema and warms V8's compiler up again, which
 * costs about what auditing a few thousand files does. Measured on 2 vCPUs:
 * a second thread made 10 000 branches slower to check and to report, and
 * 50 000 faster (1.4×).
 */
export const ITEMS_PER_THREAD = 8000;

/** Threads for this many items: up to the cores, one per ITEMS_PER_THREAD items. */
export function defaultJobs(items: number): number {
  return Math.max(1, Math.min(os.availableParallelism(), Math.floor(items / ITEMS_PER_THREAD)));
}
