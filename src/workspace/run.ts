/**
 * Runs an audit of a workspace: loads the inputs, audits every branch file
 * (in this thread, or spread over worker threads), and assembles the report
 * document. The clock stays outside: `today` comes in.
 */
import { Auditor, SchemaChecker, buildReport, type BaselineFinding, type BranchAudit, type Report, type Waiver } from '../engine';
import { translator } from '../i18n';
import { TOOL } from '../version';
import type { ResolvedConfig } from './config';
import { WorkspaceError } from './errors';
import { relativePosix } from './files';
import { branchFiles, loadSchemaSet, loadWaivers, readDocument, readStandard } from './load';
import { defaultJobs } from './jobs';
import { auditInThreads } from './pool';

export interface AuditOptions {
  /** Branch files to audit instead of the configured globs. */
  files?: readonly string[];
  /** A draft standard to audit against instead of the configured one. */
  standard?: string;
  /** Threads, this one included; 1 audits in this thread only. Default: defaultJobs (one per 8 000 files, up to the cores). */
  jobs?: number;
  today: string;
  locale?: string;
  baseline?: { file: string; findings: readonly BaselineFinding[] };
  /** Keep each branch's keyed lists that have findings (AuditRun.ownLists), for report pages. */
  keepOwnLists?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditRun {
  report: Report;
  /** The compiled schema and standard of the run, for shells that show more than the report (the HTML pages). */
  auditor: Auditor;
  waivers: Waiver[];
  /** Branches' display names by file (those whose document gives one), for pages that would otherwise read every file again. */
  names: ReadonlyMap<string, string>;
  /** With AuditOptions.keepOwnLists: branches' keyed lists that have findings, by file (see BranchAudit.ownLists). */
  ownLists: ReadonlyMap<string, Record<string, unknown>>;
  /** Remarks on the schema (Ajv strict mode), to show once. */
  warnings: readonly string[];
}

/** Everything a thread needs to audit branch files: plain data, so it can cross to a worker. */
export interface AuditSetup {
  workspace: string;
  schema: ReturnType<typeof loadSchemaSet>;
  standard: { file: string; text: string };
  branchId: string;
  keepOwnLists?: boolean;
}

export function prepareAudit(config: ResolvedConfig, standardOverride?: string, keepOwnLists = false): AuditSetup {
  return {
    workspace: config.dir,
    schema: loadSchemaSet(config),
    standard: readStandard(config, standardOverride),
    branchId: config.branchId,
    keepOwnLists,
  };
}

export function createAuditor(setup: AuditSetup): Auditor {
  return new Auditor(new SchemaChecker(setup.schema), { standard: setup.standard, branchId: setup.branchId, keepOwnLists: setup.keepOwnLists });
}

export function auditFile(auditor: Auditor, workspace: string, file: string): BranchAudit {
  return auditor.audit(relativePosix(workspace, file), readDocument(file));
}

/** Audits a workspace in this thread. */
export function auditWorkspace(config: ResolvedConfig, options: AuditOptions): AuditRun {
  const { setup, auditor, waivers, files } = start(config, options);
  return assemble(config, options, auditor, waivers, auditHere(auditor, setup.workspace, files, options.onProgress));
}

/**
 * Audits a workspace with as many threads as `jobs` asks; by default as many
 * as pay for their start (see defaultJobs).
 */
export async function runAudit(config: ResolvedConfig, options: AuditOptions): Promise<AuditRun> {
  const { setup, auditor, waivers, files } = start(config, options);
  const audits = await auditInThreads(auditor, setup, files, options.jobs ?? defaultJobs(files.length), options.onProgress);
  return assemble(config, options, auditor, waivers, audits);
}

function auditHere(auditor: Auditor, workspace: string, files: readonly string[], onProgress?: AuditOptions['onProgress']): BranchAudit[] {
  return files.map((file, i) => {
    const audit = auditFile(auditor, workspace, file);
    onProgress?.(i + 1, files.length);
    return audit;
  });
}

/** Branch ids that several files claim: waivers and the server match by id, so they cannot tell these apart. */
function sharedIds(report: Report): string[] {
  const files = new Map<string, string[]>();
  for (const branch of report.branches) files.set(branch.id, [...(files.get(branch.id) ?? []), branch.file]);
  return [...files].filter(([, list]) => list.length > 1).map(([id, list]) => `branch id ${id} is used by ${list.length} files (${list.join(', ')})`);
}

/** Loads and checks every input before any branch is audited, so configuration errors come first. */
function start(config: ResolvedConfig, options: AuditOptions) {
  const setup = prepareAudit(config, options.standard, options.keepOwnLists);
  const auditor = createAuditor(setup);
  const waivers = loadWaivers(config);
  const files = branchFiles(config, options.files);
  if (files.length === 0 && !options.files?.length) {
    // A glob with a typo would otherwise turn CI green on zero branches.
    throw new WorkspaceError(`"branches" (${config.branches.join(', ')}) matches no file in ${config.dir}`);
  }
  return { setup, auditor, waivers, files };
}

function assemble(config: ResolvedConfig, options: AuditOptions, auditor: Auditor, waivers: Waiver[], audits: BranchAudit[]): AuditRun {
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
  const warnings = [...auditor.checker.warnings.map((w) => `schema: ${w}`), ...sharedIds(report)];
  const names = new Map<string, string>();
  const ownLists = new Map<string, Record<string, unknown>>();
  for (const audit of audits) {
    if (audit.name !== undefined) names.set(audit.file, audit.name);
    if (audit.ownLists !== undefined) ownLists.set(audit.file, audit.ownLists);
  }
  return { report, auditor, waivers, names, ownLists, warnings };
}
