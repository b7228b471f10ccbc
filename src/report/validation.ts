/**
 * The text output of `sopaudit validate`: one line per file, valid or not,
 * with the schema findings of the invalid ones.
 */
import type { Report } from '../engine';
import { paint } from './ansi';
import { terminalText } from './escape/terminal';
import { findingLines } from './text';
import type { FormatContext } from './types';

export function validationText(report: Report, context: FormatContext): string {
  const { t } = context.translator;
  const c = paint(context.color);
  const lines: string[] = [];
  for (const branch of report.branches) {
    // The file name comes from the command line or a glob match: no control character reaches the terminal.
    const file = terminalText(branch.file);
    lines.push(branch.valid ? `${c.green('✔')} ${file}` : `${c.red('✖')} ${file}`);
    lines.push(...findingLines(branch.findings, context));
  }
  const invalid = report.branches.filter((b) => !b.valid).length;
  lines.push(t('summary.validated', { valid: report.branches.length - invalid, invalid }));
  return lines.join('\n') + '\n';
}
