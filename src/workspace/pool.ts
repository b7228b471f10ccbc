/**
 * Audits branch files across threads: the main thread and `jobs - 1` worker
 * threads take batches of files from one queue, so a few slow files do not
 * hold up a whole share and the main thread, which would otherwise wait,
 * does a share of the work itself. Results are put back in file order, and
 * the report is sorted anyway, so the output is byte-identical to a
 * single-thread run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Auditor, BranchAudit } from '../engine';
import { WorkspaceError } from './errors';
import { auditFile, type AuditSetup } from './run';
import type { WorkerReply } from './worker';

/** Files per batch: large enough that messaging costs little, small enough to balance. */
export const BATCH = 64;

const WORKER_FILE = path.join(__dirname, 'worker.js');

/** Whether worker threads can run here (they need the compiled worker next to this module). */
export function workersAvailable(): boolean {
  return fs.existsSync(WORKER_FILE);
}

export async function auditInThreads(
  auditor: Auditor,
  setup: AuditSetup,
  files: readonly string[],
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<BranchAudit[]> {
  const results = new Array<BranchAudit[]>(Math.ceil(files.length / BATCH));
  let next = 0;
  let done = 0;
  const take = (): number | undefined => (next < results.length ? next++ : undefined);
  const batch = (n: number) => files.slice(n * BATCH, (n + 1) * BATCH);
  const finished = (n: number, audits: BranchAudit[]) => {
    results[n] = audits;
    done += audits.length;
    onProgress?.(done, files.length);
  };

  const workers = Array.from({ length: Math.min(jobs - 1, results.length - 1) }, () => new Worker(WORKER_FILE, { workerData: setup }));
  const inWorker = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let current: number | undefined;
      const send = () => {
        current = take();
        if (current === undefined) return resolve();
        worker.postMessage({ files: batch(current) });
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return reject(new WorkspaceError(reply.error.message));
        finished(current!, reply.audits);
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`an audit worker stopped with code ${code}`));
      });
      send();
    });
  const inMainThread = async () => {
    for (let n = take(); n !== undefined; n = take()) {
      finished(n, batch(n).map((file) => auditFile(auditor, setup.workspace, file)));
      await yieldToEvents(); // let the workers' replies in between batches
    }
  };
  try {
    await Promise.all([inMainThread(), ...workers.map(inWorker)]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.flat();
}
