/**
 * The shared conformance cases (a copy of ../shared/conformance/cases.json,
 * unchanged), each written as a real workspace and audited through the same
 * loader as the CLI, so cross-file $ref is loaded from files as in real use.
 * Every case must give exactly its listed findings: no more, no fewer.
 */
import { auditDir } from '../helpers/audit';
import { makeWorkspace } from '../helpers/workspace';
import cases from '../fixtures/conformance/cases.json';

interface Case {
  name: string;
  schema: unknown;
  schemaFiles?: Record<string, unknown>;
  standard: unknown;
  branch: unknown;
  waivers?: unknown;
  today?: string;
  expect: unknown[][];
  expectWaivers?: { expired: string[][]; expiring: string[][]; unused: string[][] };
}

const sortTuples = (list: unknown[][]) => [...list].map((t) => JSON.stringify(t)).sort();

describe.each((cases as Case[]).map((c) => [c.name, c] as const))('conformance case %s', (_name, testCase) => {
  const dir = makeWorkspace({
    schema: testCase.schema,
    schemaFiles: testCase.schemaFiles,
    standard: testCase.standard,
    branches: { 'b1.json': testCase.branch },
    waivers: testCase.waivers,
  });
  const report = auditDir(dir, testCase.today ?? '2026-01-15');
  const findings = report.branches.flatMap((b) => b.findings);

  it('gives exactly the expected findings', () => {
    expect(report.branches.map((b) => [b.id, b.file])).toEqual([['b1', 'branches/b1.json']]);
    // A case that gives `waived` for some finding pins it for all (false where not given).
    const withWaived = testCase.expect.some((t) => t.length === 5);
    const expected = testCase.expect.map((t) => (withWaived && t.length === 4 ? [...t, false] : t));
    const actual = findings.map((f) => (withWaived ? [f.kind, f.path, f.rule, f.severity, f.waived] : [f.kind, f.path, f.rule, f.severity]));
    expect(sortTuples(actual)).toEqual(sortTuples(expected));
  });

  it('places every finding at a line and column', () => {
    for (const finding of findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      expect(finding.message).toMatch(/\S/);
    }
  });

  if (testCase.expectWaivers) {
    it('lists expired, expiring and unused waivers exactly', () => {
      const pairs = (list: Array<{ branch: string; path: string }>) => list.map((w) => [w.branch, w.path]);
      expect(pairs(report.waivers.expired)).toEqual(testCase.expectWaivers!.expired);
      expect(pairs(report.waivers.expiring)).toEqual(testCase.expectWaivers!.expiring);
      expect(pairs(report.waivers.unused)).toEqual(testCase.expectWaivers!.unused);
    });
  }
});
