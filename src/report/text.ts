/**
 * Human-readable output grouped by branch file, like ESLint's "stylish":
 * `line:col  severity  message  rule  path`, then one summary line.
 * Conforming branches are not listed; waived and baseline findings are
 * marked so a reader sees why they do not fail the check. Before the summary
 * line come the waivers that need attention (expired, expiring, unused), one
 * aligned line each, under the heading of their list.
 */
import type { BranchResult, Finding, Report } from '../engine';
import { paint, type Paint } from './ansi';
import { terminalText } from './escape/terminal';
import { summaryParts, worstToActOn } from './summary';
import type { FormatContext, Formatter } from './types';
import { waiverBranch, waiverGroups } from './waivers';

export const text: Formatter = (report, context) => {
  const blocks = report.branches.filter((b) => b.findings.length > 0).map((b) => branchBlock(b, context));
  return [...blocks, ...waiverBlock(report, context), summaryLine(report, context)].join('\n') + '\n';
};

function branchBlock(branch: BranchResult, context: FormatContext): string {
  const { t } = context.translator;
  const c = paint(context.color);
  const heading = `${c.underline(terminalText(branch.file))} ${c.dim(`(${t('label.branch')} ${terminalText(branch.id)}, ${t('label.score')} ${branch.score})`)}`;
  return [heading, ...findingLines(branch.findings, context), ''].join('\n');
}

/** A file's findings in reading order, as aligned `line:col  severity  message  rule  path` lines. */
export function findingLines(unsorted: readonly Finding[], context: FormatContext): string[] {
  const c = paint(context.color);
  const findings = [...unsorted].sort((a, b) => a.line - b.line || a.column - b.column);
  const rows = findings.map((f) => [`${f.line}:${f.column}`, severityLabel(f, context), terminalText(f.message), f.rule, terminalText(f.path || '/')]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((row, i) => {
    const f = findings[i];
    const [position, severity, message, rule, path] = row.map((cell, j) => (j < 4 ? cell.padEnd(widths[j]) : cell));
    return '  ' + [c.dim(position), severityColor(f, c)(severity), message, c.dim(rule), c.dim(path)].join('  ');
  });
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

/**
 * The waivers that need attention: a heading per non-empty list, then
 * `branch  path  valid until …  approved by …` per waiver, aligned across
 * the lists, and a blank line; nothing when no waiver needs attention.
 */
function waiverBlock(report: Report, context: FormatContext): string[] {
  const { t } = context.translator;
  const c = paint(context.color);
  const groups = waiverGroups(report);
  if (groups.length === 0) return [];
  const rows = groups.map((group) =>
    group.waivers.map((w) => [
      terminalText(waiverBranch(w, context.translator)),
      terminalText(w.path || '/'),
      t('waivers.validUntil', { date: terminalText(w.expires) }),
      t('waivers.approvedBy', { approvedBy: terminalText(w.approvedBy) }),
    ]),
  );
  const widths = [0, 1, 2].map((i) => Math.max(...rows.flat().map((r) => r[i].length)));
  const headingColor = { expired: c.red, expiring: c.yellow, unused: c.blue };
  const lines = groups.flatMap((group, g) => [
    headingColor[group.list](t(group.heading)),
    ...rows[g].map((row) => {
      const [branch, path, until, approvedBy] = row.map((cell, j) => (j < 3 ? cell.padEnd(widths[j]) : cell));
      return '  ' + [branch, c.dim(path), until, c.dim(approvedBy)].join('  ');
    }),
  ]);
  return [...lines, ''];
}

function summaryLine(report: Report, context: FormatContext): string {
  const c = paint(context.color);
  const worst = worstToActOn(report);
  const mark = worst === 'error' ? c.red('✖') : worst ? c.yellow('!') : c.green('✔');
  return `${mark} ${summaryParts(report, context.translator).join(' · ')}`;
}
