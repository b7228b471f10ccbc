/**
 * GitHub Actions workflow commands: one annotation per finding that needs
 * attention, shown on the pull request's diff at its file, line and column,
 * then one plain summary line for the log.
 *
 * `::error` and `::warning` follow the finding's severity; info findings are
 * `::notice`, and so are findings already in a `--baseline` (they exist,
 * but they are not this change's doing and do not fail the check). Waived
 * findings are not annotated: an approved deviation is not something to
 * act on in a review, and an annotation per waiver on every run would bury
 * the ones that are; the summary line still counts them.
 *
 * Every user string is escaped as the runner expects (`escapeData`,
 * `escapeProperty`), so a message or file name cannot end the command or
 * smuggle in another. `file=` is the path from the repository root (the
 * workspace's own path is prefixed when it is a subfolder), which
 * GitHub reads relative to the checkout: run from the repository's root.
 */
import type { Finding } from '../engine';
import { escapeData, escapeProperty } from './escape/workflowCommand';
import { summaryParts } from './summary';
import { fromRoot, type FormatContext, type Formatter } from './types';

export const github: Formatter = (report, context) => {
  const lines: string[] = [];
  for (const branch of report.branches) {
    for (const finding of branch.findings) if (!finding.waived) lines.push(annotation(finding, context));
  }
  lines.push(`sopaudit: ${summaryParts(report, context.translator).join(' · ')}`);
  return lines.join('\n') + '\n';
};

function annotation(finding: Finding, context: FormatContext): string {
  const command = finding.existing || finding.severity === 'info' ? 'notice' : finding.severity;
  let title = `${finding.path || '/'} (${finding.kind}/${finding.rule})`;
  if (finding.existing) title += ` · ${context.translator.t('label.existing')}`;
  const properties = [
    `file=${escapeProperty(fromRoot(finding.file, context))}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `title=${escapeProperty(title)}`,
  ];
  return `::${command} ${properties.join(',')}::${escapeData(finding.message)}`;
}
