/**
 * Assembles the report document (spec §6) from branch audits: waivers,
 * scores, messages in the chosen locale, a baseline when given, and a stable
 * order (branches by id, findings by path then kind), so the same input
 * gives the same bytes whatever order files were found or audited in.
 */
import type { BranchResult, Finding, Report, Severity, Waiver } from '../generated/report';
import type { MessageId, Translator } from '../i18n';
import type { BranchAudit, LocatedFinding } from './audit';
import { unescapeToken } from './pointer';
import { SEVERITIES } from './schema/keywords';
import { score } from './score';
import { WaiverBook } from './waivers';

/** A finding of an earlier report, for `--baseline`. */
export interface BaselineFinding {
  branch: string;
  path: string;
  kind: string;
  rule: string;
}

export interface ReportInput {
  tool: { name: 'sopaudit'; version: string };
  standard: { file: string; version: string };
  audits: readonly BranchAudit[];
  waivers: readonly Waiver[];
  /** The day the audit runs, YYYY-MM-DD. */
  today: string;
  waiverNoticeDays: number;
  translator: Translator;
  /** False when only some branch files were audited (their unused waivers only are listed). */
  complete: boolean;
  baseline?: { file: string; findings: readonly BaselineFinding[] };
}

/** Open findings by severity, and the waived ones: what every summary and table counts. */
export function tally(findings: Iterable<Pick<Finding, 'severity' | 'waived'>>): Record<Severity, number> & { waived: number } {
  const counts = { error: 0, warning: 0, info: 0, waived: 0 };
  for (const finding of findings) {
    if (finding.waived) counts.waived++;
    else counts[finding.severity]++;
  }
  return counts;
}

export function buildReport(input: ReportInput): Report {
  const book = new WaiverBook(input.waivers, input.today, input.waiverNoticeDays);
  const audits = [...input.audits].sort((a, b) => compare(a.id, b.id) || compare(a.file, b.file));
  const branches: BranchResult[] = audits.map((audit) => branchResult(audit, book, input.translator));
  const summary: Report['summary'] = {
    branches: branches.length,
    conforming: 0,
    findings: { error: 0, warning: 0, info: 0 },
    waived: 0,
  };
  for (const branch of branches) {
    if (branch.score === 100) summary.conforming++;
    const counts = tally(branch.findings);
    summary.findings.error += counts.error;
    summary.findings.warning += counts.warning;
    summary.findings.info += counts.info;
    summary.waived += counts.waived;
  }
  if (input.baseline) summary.baseline = markBaseline(branches, input.baseline, input.complete);
  const lists = book.lists(input.complete ? 'all' : new Set(audits.map((a) => a.id)));
  return {
    tool: { name: input.tool.name, version: input.tool.version },
    standard: { file: input.standard.file, version: input.standard.version },
    summary,
    branches,
    waivers: { expired: lists.expired.map(tidyWaiver), expiring: lists.expiring.map(tidyWaiver), unused: lists.unused.map(tidyWaiver) },
  };
}

function branchResult(audit: BranchAudit, book: WaiverBook, translator: Translator): BranchResult {
  const findings = audit.findings
    .map((located) => toFinding(audit, located, book, translator))
    .sort(compareFindings);
  return { id: audit.id, file: audit.file, valid: audit.valid, score: score(audit.passed, findings), findings };
}

function toFinding(audit: BranchAudit, located: LocatedFinding, book: WaiverBook, translator: Translator): Finding {
  const finding: Finding = {
    branch: audit.id,
    file: audit.file,
    path: located.path,
    kind: located.kind,
    rule: located.rule,
    severity: located.severity,
  } as Finding;
  if ('expected' in located) finding.expected = located.expected;
  if ('actual' in located) finding.actual = located.actual;
  finding.message = message(located, translator);
  finding.line = located.line;
  finding.column = located.column;
  finding.waived = book.covers({ branch: audit.id, path: located.path, kind: located.kind });
  return finding;
}

function message(finding: LocatedFinding, translator: Translator): string {
  const id = finding.messageId ?? (`finding.${finding.kind}.${finding.rule}` as MessageId);
  const last = finding.path.slice(finding.path.lastIndexOf('/') + 1);
  return translator.t(id, {
    name: unescapeToken(last) || '/',
    expected: 'expected' in finding ? showValue(finding.expected) : '',
    actual: 'actual' in finding ? showValue(finding.actual) : '',
    ...finding.params,
  });
}

/** A value as a message shows it: compact JSON, cut short when long. */
function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}

const KIND_ORDER = ['invalid', 'missing', 'extra', 'changed', 'reordered'];

function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.path, b.path)
    || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || compare(a.rule, b.rule)
    || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)
    || a.line - b.line
    || a.column - b.column
    || compare(a.message, b.message)
  );
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function markBaseline(
  branches: BranchResult[], baseline: NonNullable<ReportInput['baseline']>, complete: boolean,
): NonNullable<Report['summary']['baseline']> {
  const waiting = new Map<string, number>();
  const keyOf = (f: BaselineFinding): string => JSON.stringify([f.branch, f.path, f.kind, f.rule]);
  // A run over some files (changed files, pre-commit) cannot tell whether the others' findings were fixed.
  const audited = complete ? undefined : new Set(branches.map((branch) => branch.id));
  for (const finding of baseline.findings) {
    if (audited && !audited.has(finding.branch)) continue;
    waiting.set(keyOf(finding), (waiting.get(keyOf(finding)) ?? 0) + 1);
  }
  let fresh = 0;
  let existing = 0;
  for (const branch of branches) {
    for (const finding of branch.findings) {
      const key = keyOf(finding);
      const left = waiting.get(key) ?? 0;
      finding.existing = left > 0;
      if (left > 0) {
        waiting.set(key, left - 1);
        existing++;
      } else {
        fresh++;
      }
    }
  }
  let fixed = 0;
  for (const left of waiting.values()) fixed += left;
  return { file: baseline.file, new: fresh, existing, fixed };
}

/** A waiver with its fields in the report's order, whatever order waivers.json gave them in. */
export function tidyWaiver(waiver: Waiver): Waiver {
  const out: Waiver = { branch: waiver.branch, path: waiver.path } as Waiver;
  if (waiver.kind !== undefined) out.kind = waiver.kind;
  out.reason = waiver.reason;
  out.approvedBy = waiver.approvedBy;
  out.expires = waiver.expires;
  return out;
}
