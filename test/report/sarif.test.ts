/**
 * The SARIF format, validated against the official SARIF 2.1.0 JSON Schema
 * (test/fixtures/sarif, OASIS), on the bundled workspace and on hostile
 * strings; rules from the catalog; fingerprints that survive moved lines;
 * waivers as suppressions and a baseline as baselineState.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Report } from '../../src/engine';
import { translator } from '../../src/i18n';
import { FORMATTERS } from '../../src/report';
import { FINGERPRINT_KEY, SRCROOT, sarif } from '../../src/report/sarif';
import { auditDir } from '../helpers/audit';
import { REPO, copyBundledWorkspace } from '../helpers/workspace';
import { HOSTILE, HOSTILE_FILE, hostileReport } from './hostile';

const context = { translator: translator('en'), color: false };
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function sarifOf(report: Report, locale = 'en'): any {
  const log = JSON.parse(sarif(report, { translator: translator(locale), color: false }));
  const valid = validate(log);
  expect(valid ? [] : validate.errors).toEqual([]);
  return log;
}

describe('the SARIF schema fixture', () => {
  it('is the OASIS SARIF 2.1.0 schema, and rejects what it should', () => {
    expect(schema.id).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(validate({ version: '2.1.0', runs: [] })).toBe(true);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'fatal', message: { text: 'm' } }] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, columnKind: 'bytes' }] })).toBe(false);
  });
});

describe('sarif on the bundled workspace', () => {
  const report = auditDir(REPO, '2026-11-28');
  const log = sarifOf(report);
  const run = log.runs[0];
  const findings = report.branches.flatMap((b) => b.findings);

  it('is the registered sarif format: one run of sopaudit, valid against the schema', () => {
    expect(FORMATTERS.sarif).toBe(sarif);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'sopaudit', version: report.tool.version });
    expect(run.columnKind).toBe('unicodeCodePoints');
    expect(run.language).toBe('en');
  });

  it('has one rule per kind/rule pair, each described from the catalog', () => {
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('changed/atMost');
    expect(ids).toContain('invalid/json');
    const atMost = run.tool.driver.rules.find((r: any) => r.id === 'changed/atMost');
    expect(atMost.shortDescription.text).toBe('A number is above the standard’s maximum.');
    expect(run.tool.driver.rules.every((r: any) => r.shortDescription.text !== r.id)).toBe(true);
  });

  it('has one result per finding: rule, level, message, file, line, column, audit path', () => {
    expect(run.results).toHaveLength(findings.length);
    run.results.forEach((result: any, i: number) => {
      const f = findings[i];
      expect(result.ruleId).toBe(`${f.kind}/${f.rule}`);
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[f.severity]);
      expect(result.message.text).toBe(f.message);
      const location = result.locations[0];
      expect(location.physicalLocation).toEqual({
        artifactLocation: { uri: f.file, uriBaseId: SRCROOT },
        region: { startLine: f.line, startColumn: f.column },
      });
      expect(location.logicalLocations[0].fullyQualifiedName).toBe(f.path || '/');
    });
  });

  it('suppresses the waived finding, externally, with a justification', () => {
    const waived = run.results.filter((r: any) => r.suppressions);
    expect(waived).toHaveLength(1);
    expect(waived[0].locations[0].physicalLocation.artifactLocation.uri).toBe('branches/in-delhi-connaught.json');
    expect(waived[0].suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'An approved waiver in the workspace’s waivers file covers this finding.' },
    ]);
  });

  it('gives every result a distinct fingerprint', () => {
    const prints = run.results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(prints.length);
    expect(prints.every((p: string) => /^[0-9a-f]{64}(:\d+)?$/.test(p))).toBe(true);
  });

  it('keeps fingerprints when lines move, and the same bytes for the same report', () => {
    const dir = copyBundledWorkspace();
    const file = path.join(dir, 'branches', 'tr-izmir-alsancak.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('{', '{\n\n\n'));
    const moved = sarifOf(auditDir(dir, '2026-11-28')).runs[0].results;
    const izmir = (results: any[]) => results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri.includes('izmir'));
    const before = izmir(run.results);
    const after = izmir(moved);
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    expect(after.map((r) => r.locations[0].physicalLocation.region.startLine)).toEqual(
      before.map((r) => r.locations[0].physicalLocation.region.startLine + 3),
    );
    expect(sarif(report, context)).toBe(sarif(auditDir(REPO, '2026-11-28'), context));
  });

  it('marks findings new or unchanged against a baseline', () => {
    const withBaseline: Report = {
      ...report,
      branches: report.branches.map((b) => ({ ...b, findings: b.findings.map((f, i) => ({ ...f, existing: i === 0 })) })),
    };
    const states = sarifOf(withBaseline).runs[0].results.map((r: any) => r.baselineState);
    expect(new Set(states)).toEqual(new Set(['new', 'unchanged']));
    expect(run.results.every((r: any) => r.baselineState === undefined)).toBe(true);
  });

  it('describes rules and waivers in the report\'s locale', () => {
    const tr = sarifOf(report, 'tr').runs[0];
    expect(tr.language).toBe('tr');
    expect(tr.tool.driver.rules.find((r: any) => r.id === 'changed/atMost').shortDescription.text).toBe('Bir sayı standardın üst sınırının üstünde.');
  });
});

describe('sarif with hostile strings', () => {
  const report = hostileReport();
  const log = sarifOf(report);
  const results = log.runs[0].results;

  it('keeps ids, messages and paths exactly, and the file as a valid relative URI', () => {
    const hostile = report.branches.find((b) => b.id === HOSTILE)!;
    const mine = results.filter((r: any) => r.properties.branch === HOSTILE);
    expect(mine).toHaveLength(hostile.findings.length);
    mine.forEach((r: any, i: number) => {
      expect(r.message.text).toBe(hostile.findings[i].message);
      expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toBe(hostile.findings[i].path);
      const uri = r.locations[0].physicalLocation.artifactLocation.uri;
      expect(uri).not.toMatch(/[<>"|`\s]/);
      expect(uri.split('/').map(decodeURIComponent).join('/')).toBe(`branches/${HOSTILE_FILE}`);
    });
  });

  it('reports the file that is not JSON where it ends too early', () => {
    const broken = results.find((r: any) => r.ruleId === 'invalid/json');
    // '{ "branch": ' stops after its 12th character.
    expect(broken.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 12 });
    expect(broken.locations[0].logicalLocations[0]).toEqual({ name: '/', fullyQualifiedName: '/' });
  });
});
