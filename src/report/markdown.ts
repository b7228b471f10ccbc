/**
 * Markdown for a pull-request comment (and report.md): the summary line, a
 * table of the branches that diverge, then one section per such branch with
 * a row per finding. Conforming branches are only counted: a chain of
 * hundreds of branches still gives a comment a reviewer can read.
 *
 * GitHub refuses a comment over 65 536 characters, so the output never
 * exceeds that: rows are added in order while they fit, and when one does
 * not, the rest is cut and a closing note says how many findings are listed
 * and how to get them all. The waivers that need attention come last, a
 * table per non-empty list, with room of their own (up to WAIVER_ROOM) kept
 * from the findings, and cut the same way when there are more. Every user
 * string (branch ids, files, paths, messages, the standard's version, the
 * waivers' fields) goes through `markdownText`; catalog texts and our own
 * identifiers (`missing/sequence`) do not need to.
 */
import { tally, type BranchResult, type Finding, type Report } from '../engine';
import { markdownText } from './escape/markdown';
import { summaryParts, worstOpen, worstToActOn } from './summary';
import type { FormatContext, Formatter } from './types';
import { waiverBranch, waiverGroups } from './waivers';

/** GitHub's limit for an issue or pull-request comment body, in characters. */
export const MARKDOWN_LIMIT = 65_536;
/** Room kept for the closing notes when the output is cut (the longest locale needs under 300 each). */
const NOTE_ROOM = 1_000;
/** Room the waiver tables may take from the findings; with fewer findings they may take more. */
const WAIVER_ROOM = 8_000;
// Where the cut findings are: the HTML report lists every one (this format
// would be cut again, whatever its output file).
const FULL_COMMAND = '`sopaudit report`';

export const markdown: Formatter = (report, context) => {
  const { t } = context.translator;
  const waivers = waiverTables(report, context);
  const out = new Budget(MARKDOWN_LIMIT - NOTE_ROOM - Math.min(waivers.size, WAIVER_ROOM));
  const diverging = report.branches.filter((b) => b.findings.length > 0);
  const total = diverging.reduce((n, b) => n + b.findings.length, 0);

  out.add(
    `## ${t('markdown.title', { version: markdownText(report.standard.version) })}`,
    '',
    `${statusIcon(report)} ${summaryParts(report, context.translator).join(' · ')}`,
  );
  const w = report.waivers;
  if (w.expired.length + w.expiring.length + w.unused.length > 0) {
    out.add('', t('markdown.waivers', { expired: w.expired.length, expiring: w.expiring.length, unused: w.unused.length }));
  }

  let shown = 0;
  if (diverging.length > 0) {
    const sev = (s: 'error' | 'warning' | 'info') => t(`severity.${s}`);
    out.add(
      '',
      `| | ${t('label.branch')} | ${t('label.score')} | ${sev('error')} | ${sev('warning')} | ${sev('info')} | ${t('label.waived')} |`,
      '|---|---|--:|--:|--:|--:|--:|',
    );
    for (const branch of diverging) {
      const c = tally(branch.findings);
      out.add(`| ${branchIcon(branch)} | ${markdownText(branch.id)} | ${branch.score} | ${c.error} | ${c.warning} | ${c.info} | ${c.waived} |`);
    }
    for (const branch of diverging) {
      // A heading only with its table's head and at least one row: never an empty section.
      const head = [
        '',
        `### ${branchIcon(branch)} ${markdownText(branch.id)}`,
        '',
        `${markdownText(branch.file)} · ${t('label.score')} ${branch.score}`,
        '',
        `| ${t('label.position')} | ${t('label.severity')} | ${t('label.rule')} | ${t('label.path')} | ${t('label.message')} |`,
        '|---|---|---|---|---|',
      ];
      const rows = branch.findings.map((f) => findingRow(f, context));
      if (!out.add(...head, rows[0])) break;
      shown++;
      for (const row of rows.slice(1)) {
        if (!out.add(row)) break;
        shown++;
      }
      if (out.cut) break;
    }
  }

  if (out.cut) out.note('', `> ${t('markdown.truncated', { count: shown, total, command: FULL_COMMAND })}`);

  if (waivers.total > 0) {
    // The findings took at most their share; the waivers get the rest, less room for their own note.
    out.reopen(MARKDOWN_LIMIT - NOTE_ROOM / 2);
    let listed = 0;
    for (const table of waivers.tables) {
      if (!out.add(...table.head, table.rows[0])) break;
      listed++;
      for (const row of table.rows.slice(1)) {
        if (!out.add(row)) break;
        listed++;
      }
      if (out.cut) break;
    }
    if (out.cut) out.note('', `> ${t('markdown.waiversTruncated', { count: listed, total: waivers.total, command: FULL_COMMAND })}`);
  }
  return out.lines.join('\n') + '\n';
};

interface WaiverTables {
  /** A table per non-empty list: its lines before the first row (the section heading before the first), and its rows. */
  tables: Array<{ head: string[]; rows: string[] }>;
  /** How many rows in all. */
  total: number;
  /** The characters all of it takes. */
  size: number;
}

/** The waivers that need attention: branch, path, expiry, approver and reason, a table per list. */
function waiverTables(report: Report, context: FormatContext): WaiverTables {
  const { t } = context.translator;
  const tables = waiverGroups(report).map((group, i) => ({
    head: [
      ...(i === 0 ? ['', `### ${t('waivers.heading')}`] : []),
      '',
      t(group.heading),
      '',
      `| ${t('label.branch')} | ${t('label.path')} | ${t('label.validUntil')} | ${t('label.approvedBy')} | ${t('label.reason')} |`,
      '|---|---|---|---|---|',
    ],
    rows: group.waivers.map((w) => {
      const cells = [
        w.branch === '*' ? waiverBranch(w, context.translator) : markdownText(w.branch),
        markdownText(w.path || '/'),
        markdownText(w.expires),
        markdownText(w.approvedBy),
        markdownText(w.reason),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  }));
  const size = tables.reduce((n, table) => n + [...table.head, ...table.rows].reduce((m, line) => m + line.length + 1, 0), 0);
  return { tables, total: tables.reduce((n, table) => n + table.rows.length, 0), size };
}

/** Lines kept while they fit the budget; once one does not, nothing more is taken (until reopened). */
class Budget {
  readonly lines: string[] = [];
  cut = false;
  private used = 0;

  constructor(private limit: number) {}

  /** Adds lines whatever the limit: a closing note, from the room kept for it. */
  note(...lines: string[]): void {
    this.lines.push(...lines);
    this.used += lines.reduce((n, line) => n + line.length + 1, 0);
  }

  /** Takes lines again, up to a new limit (counting what is already taken). */
  reopen(limit: number): void {
    this.limit = limit;
    this.cut = false;
  }

  /** Adds all the lines or, when they do not fit together, none and marks the output cut. */
  add(...lines: string[]): boolean {
    if (this.cut) return false;
    const size = lines.reduce((n, line) => n + line.length + 1, 0);
    if (this.used + size > this.limit) {
      this.cut = true;
      return false;
    }
    this.lines.push(...lines);
    this.used += size;
    return true;
  }
}

function findingRow(finding: Finding, context: FormatContext): string {
  const { t } = context.translator;
  let severity = t(`severity.${finding.severity}`);
  if (finding.waived) severity = `~~${severity}~~ ${t('label.waived')}`;
  else if (finding.existing) severity = `${severity} (${t('label.existing')})`;
  const cells = [
    `${finding.line}:${finding.column}`,
    severity,
    `\`${finding.kind}/${finding.rule}\``,
    markdownText(finding.path || '/'),
    markdownText(finding.message),
  ];
  return `| ${cells.join(' | ')} |`;
}

const ICONS = { error: '❌', warning: '⚠️', info: 'ℹ️', none: '✅' };

/** The worst open finding decides; a branch with only waived or baseline findings still passes. */
function branchIcon(branch: BranchResult): string {
  return ICONS[worstOpen(branch.findings) ?? 'none'];
}

function statusIcon(report: Report): string {
  return ICONS[worstToActOn(report) ?? 'none'];
}
