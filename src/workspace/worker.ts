/**
 * A worker thread of a parallel audit: compiles the schema and the standard
 * once, then audits the batches of branch files the main thread hands it and
 * sends back plain findings (never documents).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BranchAudit } from '../engine';
import { auditFile, createAuditor, type AuditSetup } from './run';

export type WorkerRequest = { files: string[] };
export type WorkerReply = { audits: BranchAudit[] } | { error: { name: string; message: string } };

const setup = workerData as AuditSetup;
const auditor = createAuditor(setup);

parentPort!.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { audits: request.files.map((file) => auditFile(auditor, setup.workspace, file)) };
  } catch (error) {
    reply = { error: { name: (error as Error).name, message: (error as Error).message } };
  }
  parentPort!.postMessage(reply);
});
