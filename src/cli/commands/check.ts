/**
 * `sopaudit check [FILES...]`: audits every branch (or the given files)
 * and prints the report in a format; exit 1 when an unwaived finding not in
 * the baseline is at or above --fail-on.
 */
import { SEVERITIES, validateReport, type BaselineFinding, type Report, type Severity } from '../../engine';
import { translator } from '../../i18n';
import { FORMATTERS, type Format } from '../../report';
import { procedureAreas } from '../../report/areas';
import { readJsonFile, relativePosix } from '../../workspace/files';
import { runAudit } from '../../workspace/run';
import { progressBar } from '../progress';
import { useColor, type CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import { resolveFiles, resolvePath, resolveWorkspace, today, type CommonOptions } from '../options';
import { printWarnings, reportRoot, writeOutput } from './shared';

export type FailOn = Severity | 'none';

export interface CheckOptions extends CommonOptions {
  format: Format;
  output?: string;
  failOn: FailOn;
  standard?: string;
  baseline?: string;
  jobs?: number;
}


export async function check(files: string[], options: CheckOptions, context: CliContext): Promise<number> {
  const config = resolveWorkspace(options, context);
  const baseline = options.baseline ? readBaseline(resolvePath(context, options.baseline), config.dir) : undefined;
  const progress = progressBar(context, 'auditing');
  const run = await runAudit(config, {
    files: resolveFiles(context, files),
    standard: options.standard && resolvePath(context, options.standard),
    jobs: options.jobs,
    today: today(options, context),
    baseline,
    onProgress: progress.update,
  }).finally(progress.stop);
  printWarnings(run.warnings, context);
  const color = options.output === undefined && useColor(context.stdout, context.env);
  const areas = procedureAreas(run.auditor.standard);
  const output = FORMATTERS[options.format](run.report, { translator: translator(config.locale), color, areas, root: reportRoot(context, config.dir) });
  if (options.output !== undefined) writeOutput(resolvePath(context, options.output), output, '--output');
  else context.stdout.write(output);
  return fails(run.report, options.failOn) ? EXIT.findings : EXIT.ok;
}

/** True when some finding counts against the check: not waived, not in the baseline, severe enough. */
export function fails(report: Report, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return report.branches.some((branch) =>
    branch.findings.some((f) => !f.waived && !f.existing && SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(failOn)),
  );
}

function readBaseline(file: string, workspace: string): { file: string; findings: BaselineFinding[] } {
  const document = readJsonFile(file, `--baseline ${file}`, (message) => new UsageError(message));
  const [error] = validateReport(document.value);
  if (error) throw new UsageError(`--baseline ${file} is not a sopaudit report.json (${error.instancePath || '/'} ${error.message})`);
  const report = document.value as Report;
  return { file: relativePosix(workspace, file), findings: report.branches.flatMap((b) => b.findings) };
}
