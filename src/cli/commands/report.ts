/**
 * `sopaudit report [--out DIR]`: writes the report files into the reports
 * folder and prints a short summary. Divergences are the report's content,
 * not a failure: it exits 0 once the files are written.
 */
import path from 'node:path';
import { translator } from '../../i18n';
import { FORMATTERS } from '../../report';
import { relativePosix, writeFileAtomic } from '../../workspace/files';
import { auditWorkspace } from '../../workspace/run';
import type { CliContext } from '../context';
import { EXIT } from '../errors';
import { resolvePath, resolveWorkspace, today, type CommonOptions } from '../options';
import { printWarnings } from './shared';

export interface ReportOptions extends CommonOptions {
  out?: string;
}

export async function report(options: ReportOptions, context: CliContext): Promise<number> {
  const config = resolveWorkspace(options, context);
  const out = options.out !== undefined ? resolvePath(context, options.out) : config.reports;
  const run = auditWorkspace(config, { today: today(options, context) });
  printWarnings(run.warnings, context);
  const t = translator(config.locale);
  const written: string[] = [];
  const write = (name: string, content: string) => {
    const file = path.join(out, name);
    writeFileAtomic(file, content);
    written.push(relativePosix(context.cwd, file));
  };
  write('report.json', FORMATTERS.json(run.report, { translator: t, color: false }));
  context.stdout.write(FORMATTERS.text({ ...run.report, branches: [] }, { translator: t, color: false }));
  context.stdout.write(written.map((file) => `wrote ${file}\n`).join(''));
  return EXIT.ok;
}
