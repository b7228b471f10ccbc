/**
 * The bundled customer-service workspace (the repository itself): every
 * planted divergence is found with its exact path, kind, rule, severity,
 * waiver and position, and nothing else is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { auditDir } from './helpers/audit';
import { REPO } from './helpers/workspace';

interface Planted {
  path: string;
  kind: string;
  rule: string;
  severity: string;
  waived: boolean;
  line: number;
  column: number;
}

const planted = JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/planted-findings.json'), 'utf8')) as Record<string, Planted[]>;
const report = auditDir(REPO, '2026-11-28');

describe('the bundled workspace', () => {
  it('audits all 13 sample branches, sorted by id', () => {
    expect(report.branches.map((b) => b.id)).toEqual(Object.keys(planted).sort());
  });

  it.each(Object.keys(planted).sort())('%s gives exactly its planted findings', (id) => {
    const branch = report.branches.find((b) => b.id === id)!;
    const actual = branch.findings.map((f) => ({
      path: f.path, kind: f.kind, rule: f.rule, severity: f.severity, waived: f.waived, line: f.line, column: f.column,
    }));
    const byPath = (a: Planted, b: Planted) => (a.path + a.kind + a.rule).localeCompare(b.path + b.kind + b.rule);
    expect([...actual].sort(byPath)).toEqual([...planted[id]].sort(byPath));
  });

  it('scores the two fully conforming branches 100 and every divergent one below', () => {
    const scores = Object.fromEntries(report.branches.map((b) => [b.id, b.score]));
    expect(scores['gb-london-camden']).toBe(100);
    expect(scores['in-chennai-tnagar']).toBe(100);
    expect(scores['in-delhi-connaught']).toBe(100); // its one finding is waived
    expect(scores['us-austin-south']).toBe(0); // not JSON: nothing could be compared
    for (const branch of report.branches) {
      const open = branch.findings.filter((f) => !f.waived);
      if (open.length > 0) expect(branch.score).toBeLessThan(100);
    }
  });

  it('flags only the two planted broken files as invalid', () => {
    expect(report.branches.filter((b) => !b.valid).map((b) => b.id)).toEqual(['in-vijayawada-mgroad', 'us-austin-south']);
  });

  it('sums the summary from the findings', () => {
    expect(report.summary).toEqual({ branches: 13, conforming: 3, findings: { error: 15, warning: 3, info: 1 }, waived: 1 });
  });

  it('lists one expired and one unused waiver, none expiring on 2026-11-28', () => {
    expect(report.waivers.expired.map((w) => w.branch)).toEqual(['tr-ankara-kizilay']);
    expect(report.waivers.unused.map((w) => w.branch)).toEqual(['gb-london-camden']);
    expect(report.waivers.expiring).toEqual([]);
    // A month before the unused one runs out, it is expiring as well.
    const later = auditDir(REPO, '2027-01-10');
    expect(later.waivers.expiring.map((w) => w.branch)).toEqual(['gb-london-camden']);
  });

  it('names the standard by its own version', () => {
    expect(report.standard).toEqual({ file: 'schemas/standard.json', version: '2026.11' });
  });
});
