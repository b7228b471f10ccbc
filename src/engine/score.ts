/**
 * The conformance score (spec §3): the share of compared checks that pass,
 * weighted by severity. Every finding is one failed check of its severity's
 * weight (a waived one counts as passed: the deviation is approved); every
 * comparison that held is one passed check. An `invalid` finding keeps the
 * score below 100 whatever else holds.
 */
import type { Severity } from '../generated/report';
import { SEVERITY_WEIGHT } from './compare/findings';

export function score(passed: number, findings: ReadonlyArray<{ severity: Severity; kind: string; waived: boolean }>): number {
  let ok = passed;
  let failed = 0;
  let invalid = false;
  for (const finding of findings) {
    if (finding.kind === 'invalid') invalid = true;
    if (finding.waived) ok += SEVERITY_WEIGHT[finding.severity];
    else failed += SEVERITY_WEIGHT[finding.severity];
  }
  const total = ok + failed;
  const value = total === 0 ? 100 : Math.floor((100 * ok) / total);
  return invalid ? Math.min(value, 99) : value;
}
