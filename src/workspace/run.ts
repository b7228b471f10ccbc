/**
 * Runs an audit of a workspace: loads the inputs, audits every branch file
 * (in this thread, or spread over worker threads), and assembles the report
 * document. The clock stays outside: `today` comes in.
 */
import { Auditor, SchemaChecker, buildReport, type BaselineFinding, type BranchAudit, type Report, type Waiver } from '../engine';
import { translator } from '../i18n';
import { TOOL } from '../version';
import type { ResolvedConfig } from './config';
import { branchFiles, loadSchemaSet, loadWaivers, readDocument, readStandard } from './load';
import { relativePosix } from './files';

export interface AuditOptions {
  /** Branch files to audit instead of the configured globs. */
  files?: readonly string[];
  /** A draft standard to audit against instead of the configured one. */
  standard?: string;
  today: string;
  locale?: string;
  baseline?: { file: string; findings: readonly BaselineFinding[] };
  onProgress?: (done: number, total: number) => void;
}

export interface AuditRun {
  report: Report;
  /** Remarks on the schema (Ajv strict mode), to show once. */
  warnings: readonly string[];
}

/** Everything a thread needs to audit branch files: plain data, so it can cross to a worker. */
export interface AuditSetup {
  workspace: string;
  schema: ReturnType<typeof loadSchemaSet>;
  standard: { file: string; text: string };
  branchId: string;
}

export function prepareAudit(config: ResolvedConfig, standardOverride?: string): AuditSetup {
  return {
    workspace: config.dir,
    schema: loadSchemaSet(config),
    standard: readStandard(config, standardOverride),
    branchId: config.branchId,
  };
}

export function createAuditor(setup: AuditSetup): Auditor {
  return new Auditor(new SchemaChecker(setup.schema), { standard: setup.standard, branchId: setup.branchId });
}

export function auditFile(auditor: Auditor, workspace: string, file: string): BranchAudit {
  return auditor.audit(relativePosix(workspace, file), readDocument(file));
}

export function auditWorkspace(config: ResolvedConfig, options: AuditOptions): AuditRun {
  const setup = prepareAudit(config, options.standard);
  const auditor = createAuditor(setup);
  const waivers: Waiver[] = loadWaivers(config);
  const files = branchFiles(config, options.files);
  const audits: BranchAudit[] = [];
  files.forEach((file, i) => {
    audits.push(auditFile(auditor, config.dir, file));
    options.onProgress?.(i + 1, files.length);
  });
  const report = buildReport({
    tool: TOOL,
    standard: { file: auditor.standardFile, version: auditor.standardVersion },
    audits,
    waivers,
    today: options.today,
    waiverNoticeDays: config.waiverNoticeDays,
    translator: translator(options.locale ?? config.locale),
    complete: !options.files || options.files.length === 0,
    baseline: options.baseline,
  });
  return { report, warnings: auditor.checker.warnings };
}

