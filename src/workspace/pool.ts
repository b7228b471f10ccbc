/**
 * Audits branch files across worker threads. Files go out in small batches
 * to whichever worker is free, so a few slow files do not hold up a whole
 * share; results are put back in file order, and the report is sorted
 * anyway, so the output is byte-identical to a single-thread run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BranchAudit } from '../engine';
import { WorkspaceError } from './errors';
import type { AuditSetup } from './run';
import type { WorkerReply } from './worker';

/** Files per message: large enough that messaging costs little, small enough to balance. */
export const BATCH = 64;

const WORKER_FILE = path.join(__dirname, 'worker.js');

/** Whether worker threads can run here (they need the compiled worker next to this module). */
export function workersAvailable(): boolean {
  return fs.existsSync(WORKER_FILE);
}

export async function auditInWorkers(
  setup: AuditSetup,
  files: readonly string[],
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<BranchAudit[]> {
  const results = new Array<BranchAudit[]>(Math.ceil(files.length / BATCH));
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(jobs, results.length) }, () => new Worker(WORKER_FILE, { workerData: setup }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let batch = -1;
            const send = () => {
              if (next >= results.length) return resolve();
              batch = next++;
              worker.postMessage({ files: files.slice(batch * BATCH, (batch + 1) * BATCH) });
            };
            worker.on('message', (reply: WorkerReply) => {
              if ('error' in reply) return reject(new WorkspaceError(reply.error.message));
              results[batch] = reply.audits;
              done += reply.audits.length;
              onProgress?.(done, files.length);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`an audit worker stopped with code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.flat();
}
