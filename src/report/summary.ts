/**
 * The one-line summary of a report in the reader's language: open findings,
 * by severity, conforming branches, waived, baseline. Shared by the formats
 * that end (or start) with it, so they all count the same way.
 *
 * Each part is one whole message, plural by its own count. The three counts
 * by severity are joined as a list in the locale's own list format
 * ("15 errors, 3 warnings, and 1 info finding"; "15 hata, 3 uyarı ve 1 bilgi
 * bulgusu"), never by words of ours.
 */
import type { Finding, Report, Severity } from '../engine';
import type { Translator } from '../i18n';

export function summaryParts(report: Report, translator: Translator): string[] {
  const { t } = translator;
  const s = report.summary;
  const bySeverity = new Intl.ListFormat(translator.locale, { type: 'conjunction', style: 'long' }).format([
    t('summary.errors', { count: s.findings.error }),
    t('summary.warnings', { count: s.findings.warning }),
    t('summary.infos', { count: s.findings.info }),
  ]);
  const parts = [
    t('summary.findings', { count: s.findings.error + s.findings.warning + s.findings.info }),
    bySeverity,
    t('summary.conforming', { count: s.conforming, branches: s.branches }),
  ];
  if (s.waived > 0) parts.push(t('summary.waived', { count: s.waived }));
  if (s.baseline) parts.push(t('summary.baseline', { new: s.baseline.new, fixed: s.baseline.fixed }));
  return parts;
}

/**
 * The worst severity among findings still to act on: not waived, and not
 * already in the baseline. Undefined when there is none. What a format's
 * mark (✖, ❌) shows, so that a run that passes thanks to its baseline does
 * not look failed.
 */
export function worstOpen(findings: Iterable<Finding>): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) {
    if (f.waived || f.existing) continue;
    if (f.severity === 'error') return 'error';
    if (f.severity === 'warning') worst = 'warning';
    else worst ??= 'info';
  }
  return worst;
}

/**
 * worstOpen over a whole report. Without a baseline the summary's counts tell
 * it, and they must when a caller leaves `branches` out (to print only the summary).
 */
export function worstToActOn(report: Report): Severity | undefined {
  const f = report.summary.findings;
  if (!report.summary.baseline || report.branches.length === 0) return f.error > 0 ? 'error' : f.warning > 0 ? 'warning' : f.info > 0 ? 'info' : undefined;
  return worstOpen(report.branches.flatMap((branch) => branch.findings));
}

/** Whether a finding says the file is not usable JSON at all (the formats then show the file, not its places). */
export function isBroken(finding: Pick<Finding, 'kind' | 'rule'>): boolean {
  return finding.kind === 'invalid' && finding.rule === 'json';
}
