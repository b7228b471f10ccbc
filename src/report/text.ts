/**
 * Human-readable output grouped by branch file, like ESLint's "stylish":
 * `line:col  severity  message  rule  path`, then one summary line.
 * Conforming branches are not listed; waived and baseline findings are
 * marked so a reader sees why they do not fail the check.
 */
import type { BranchResult, Finding, Report } from '../engine';
import { paint, type Paint } from './ansi';
import { summaryParts } from './summary';
import type { FormatContext, Formatter } from './types';

export const text: Formatter = (report, context) => {
  const blocks = report.branches.filter((b) => b.findings.length > 0).map((b) => branchBlock(b, context));
  return [...blocks, summaryLine(report, context)].join('\n') + '\n';
};

function branchBlock(branch: BranchResult, context: FormatContext): string {
  const { t } = context.translator;
  const c = paint(context.color);
  const findings = [...branch.findings].sort((a, b) => a.line - b.line || a.column - b.column);
  const rows = findings.map((f) => [`${f.line}:${f.column}`, severityLabel(f, context), f.message, f.rule, f.path || '/']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((row, i) => {
    const f = findings[i];
    const [position, severity, message, rule, path] = row.map((cell, j) => (j < 4 ? cell.padEnd(widths[j]) : cell));
    return '  ' + [c.dim(position), severityColor(f, c)(severity), message, c.dim(rule), c.dim(path)].join('  ');
  });
  const heading = `${c.underline(branch.file)} ${c.dim(`(${t('label.branch')} ${branch.id}, ${t('label.score')} ${branch.score})`)}`;
  return [heading, ...lines, ''].join('\n');
}

function severityColor(finding: Finding, c: Paint): (s: string) => string {
  if (finding.waived || finding.existing) return c.dim;
  return finding.severity === 'error' ? c.red : finding.severity === 'warning' ? c.yellow : c.blue;
}

function severityLabel(finding: Finding, context: FormatContext): string {
  const { t } = context.translator;
  const severity = t(`severity.${finding.severity}`);
  if (finding.waived) return `${severity} (${t('label.waived')})`;
  if (finding.existing) return `${severity} (${t('label.existing')})`;
  return severity;
}

function summaryLine(report: Report, context: FormatContext): string {
  const c = paint(context.color);
  const s = report.summary;
  const open = s.findings.error + s.findings.warning + s.findings.info;
  const mark = s.findings.error > 0 ? c.red('✖') : open > 0 ? c.yellow('!') : c.green('✔');
  return `${mark} ${summaryParts(report, context.translator).join(' · ')}`;
}
