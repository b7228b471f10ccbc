/** Audits a test workspace in-process through the same loader the CLI uses. */
import type { Report } from '../../src/engine';
import { loadConfig } from '../../src/workspace/config';
import { auditWorkspace } from '../../src/workspace/run';

export function auditDir(dir: string, today = '2026-01-15', extra: { locale?: string; files?: string[] } = {}): Report {
  return auditWorkspace(loadConfig(dir), { today, ...extra }).report;
}

/** Findings as compact tuples [kind, path, rule, severity], sorted. */
export function tuples(report: Report, withWaived = false): unknown[][] {
  return report.branches
    .flatMap((b) => b.findings)
    .map((f) => (withWaived ? [f.kind, f.path, f.rule, f.severity, f.waived] : [f.kind, f.path, f.rule, f.severity]))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
