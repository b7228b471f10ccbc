/**
 * The one-line summary of a report in the reader's language: open findings,
 * by severity, conforming branches, waived, baseline. Shared by the formats
 * that end (or start) with it, so they all count the same way.
 */
import type { Report } from '../engine';
import type { Translator } from '../i18n';

export function summaryParts(report: Report, translator: Translator): string[] {
  const { t } = translator;
  const s = report.summary;
  const parts = [
    t('summary.findings', { count: s.findings.error + s.findings.warning + s.findings.info }),
    t('summary.bySeverity', { errors: s.findings.error, warnings: s.findings.warning, infos: s.findings.info }),
    t('summary.conforming', { count: s.conforming, branches: s.branches }),
  ];
  if (s.waived > 0) parts.push(t('summary.waived', { count: s.waived }));
  if (s.baseline) parts.push(t('summary.baseline', { new: s.baseline.new, fixed: s.baseline.fixed }));
  return parts;
}
