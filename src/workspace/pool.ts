/**
 * Audits branch files across threads (see threads.ts): each worker compiles
 * the schema and the standard once, then audits the batches it is handed and
 * sends back plain findings, never documents (for `report`, also the step
 * lists that pages lay side by side). The report is sorted anyway,
 * so the output is byte-identical to a single-thread run.
 */
import path from 'node:path';
import type { Auditor, BranchAudit } from '../engine';
import { auditFile, type AuditSetup } from './run';
import { inThreads } from './threads';

/** Files per batch (see ThreadWork.batch: messaging costs little, and a few slow files cannot hold up a share). */
const BATCH = 64;

const WORKER_FILE = path.join(__dirname, 'worker.js');

export function auditInThreads(
  auditor: Auditor,
  setup: AuditSetup,
  files: readonly string[],
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<BranchAudit[]> {
  return inThreads({
    workerFile: WORKER_FILE,
    workerData: setup,
    items: files,
    jobs,
    batch: BATCH,
    here: (batch) => batch.map((file) => auditFile(auditor, setup.workspace, file)),
    onProgress,
  });
}
