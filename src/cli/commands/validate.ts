/**
 * `sopaudit validate FILES...`: checks documents against the workspace's
 * schema only (no standard needed). Exit 0 when all are valid, 1 otherwise.
 */
import { SchemaChecker, buildReport, versionOf } from '../../engine';
import { translator } from '../../i18n';
import { FORMATTERS, type Format } from '../../report';
import { validationText } from '../../report/validation';
import { readJsonFile, relativePosix } from '../../workspace/files';
import type { ResolvedConfig } from '../../workspace/config';
import { branchFiles, loadSchemaSet, readDocument } from '../../workspace/load';
import { TOOL } from '../../version';
import { useColor, type CliContext } from '../context';
import { EXIT } from '../errors';
import { resolveFiles, resolveWorkspace, today, type CommonOptions } from '../options';
import { printWarnings, reportRoot } from './shared';

export interface ValidateOptions extends CommonOptions {
  format: Format;
}

export async function validate(files: string[], options: ValidateOptions, context: CliContext): Promise<number> {
  const config = resolveWorkspace(options, context);
  const checker = new SchemaChecker(loadSchemaSet(config));
  printWarnings(checker.warnings.map((w) => `schema: ${w}`), context);
  const audits = branchFiles(config, resolveFiles(context, files)).map((file) =>
    checker.validate(relativePosix(config.dir, file), readDocument(file), config.branchId),
  );
  const report = buildReport({
    tool: TOOL,
    standard: standardLabel(config),
    audits,
    waivers: [],
    today: today(options, context),
    waiverNoticeDays: config.waiverNoticeDays,
    translator: translator(config.locale),
    complete: false,
  });
  const formatContext = { translator: translator(config.locale), color: useColor(context.stdout, context.env), root: reportRoot(context, config.dir) };
  context.stdout.write(options.format === 'text' ? validationText(report, formatContext) : FORMATTERS[options.format](report, formatContext));
  return report.branches.every((b) => b.valid) ? EXIT.ok : EXIT.findings;
}

/** The standard as the report names it; validation does not need one, so a missing or broken standard is named without a version. */
function standardLabel(config: ResolvedConfig): { file: string; version: string } {
  const file = relativePosix(config.dir, config.standard);
  try {
    const standard = readJsonFile(config.standard, file, (message) => new Error(message));
    return { file, version: versionOf(standard.value, standard.text) };
  } catch {
    return { file, version: '' };
  }
}
