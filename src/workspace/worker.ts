/** A worker thread of a parallel audit (see pool.ts). */
import { workerData } from 'node:worker_threads';
import { auditFile, createAuditor, type AuditSetup } from './run';
import { serveBatches } from './threads';

const setup = workerData as AuditSetup;
const auditor = createAuditor(setup);

serveBatches((files: readonly string[]) => files.map((file) => auditFile(auditor, setup.workspace, file)));
