/**
 * Small helpers for the engine's rule, property and hostile-value tests:
 * one branch audited in a real workspace (through the CLI's loader, so
 * cross-file $ref is read from files), the same audit in-process for the
 * property tests (thousands of runs, no files), and findings as compact
 * tuples that compare regardless of order.
 */
import {
  Auditor, SchemaChecker, buildReport, parseJsonText,
  type BranchResult, type Finding, type Report, type SchemaSet, type Waiver,
} from '../../src/engine';
import { translator } from '../../src/i18n';
import { TOOL } from '../../src/version';
import { auditDir } from './audit';
import { makeWorkspace } from './workspace';

export const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';
export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export type Tuple = [Finding['kind'], string, Finding['rule'], Finding['severity']];

export interface OneBranch {
  schema: unknown;
  schemaFiles?: Record<string, unknown>;
  standard: unknown;
  /** The branch document; a string is written as is (to control its text). */
  branch: unknown;
  waivers?: unknown;
}

/** Audits one branch (branches/b1.json) in a real temp workspace and returns its result. */
export function auditOne(spec: OneBranch, today = '2026-01-15'): BranchResult {
  const dir = makeWorkspace({ ...spec, branches: { 'b1.json': spec.branch } });
  const report = auditDir(dir, today);
  expect(report.branches).toHaveLength(1);
  return report.branches[0];
}

/** A branch's findings as [kind, path, rule, severity]. */
export function tuplesOf(result: BranchResult): Tuple[] {
  return result.findings.map((f) => [f.kind, f.path, f.rule, f.severity]);
}

/** Asserts the exact findings of a branch, no more and no fewer, in any order. */
export function expectFindings(result: BranchResult, expected: Tuple[]): void {
  const sort = (list: Tuple[]) => list.map((t) => JSON.stringify(t)).sort();
  expect(sort(tuplesOf(result))).toEqual(sort(expected));
}

/** The one finding at a path of a given kind (fails when there is not exactly one). */
export function findingAt(result: BranchResult, path: string, kind: Finding['kind']): Finding {
  const found = result.findings.filter((f) => f.path === path && f.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

/** A schema set of one root file (and others by name), for in-process audits. */
export function schemaSet(root: unknown, others: Record<string, unknown> = {}): SchemaSet {
  return {
    root: 'branch.schema.json',
    files: [{ path: 'branch.schema.json', schema: root }, ...Object.entries(others).map(([path, schema]) => ({ path, schema }))],
  };
}

/** An auditor compiled once, for property tests that audit many documents against one schema. */
export function auditorFor(schema: unknown, standard: unknown, others: Record<string, unknown> = {}): Auditor {
  return new Auditor(new SchemaChecker(schemaSet(schema, others)), {
    standard: { file: 'schemas/standard.json', text: JSON.stringify(standard, null, 2) },
  });
}

/** The report document for branch texts by file name, assembled in-process as the CLI does. */
export function reportOf(
  auditor: Auditor,
  branches: ReadonlyArray<[file: string, text: string]>,
  options: { waivers?: Waiver[]; today?: string } = {},
): Report {
  return buildReport({
    tool: TOOL,
    standard: { file: auditor.standardFile, version: auditor.standardVersion },
    audits: branches.map(([file, text]) => auditor.audit(file, parseJsonText(text))),
    waivers: options.waivers ?? [],
    today: options.today ?? '2026-01-15',
    waiverNoticeDays: 30,
    translator: translator('en'),
    complete: true,
  });
}
