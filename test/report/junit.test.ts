/**
 * The JUnit format: well-formed XML (read back with a strict reader), the
 * counts CI parsers rely on, one suite per branch and one case per
 * procedure area, and every hostile string read back exactly as it was
 * (bar the characters XML 1.0 cannot carry at all).
 */
import fs from 'node:fs';
import path from 'node:path';
import { translator } from '../../src/i18n';
import { FORMATTERS, procedureAreas } from '../../src/report';
import { junit } from '../../src/report/junit';
import { auditDir } from '../helpers/audit';
import { REPO } from '../helpers/workspace';
import { HOSTILE, HOSTILE_FILE, hostileReport } from './hostile';
import { elements, parseXml, textOf, type XmlElement } from './xml';

const context = { translator: translator('en'), color: false };
const standard = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', 'standard.json'), 'utf8'));

/** Per suite: case name → 'pass' | failure type, with what the case printed. */
function outcomes(root: XmlElement): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const suite of elements(root, 'testsuite')) {
    const cases: Record<string, string> = {};
    for (const c of elements(suite, 'testcase')) {
      const failure = elements(c, 'failure')[0];
      cases[c.attributes.name] = failure ? failure.attributes.type : elements(c, 'system-out').length > 0 ? 'pass+out' : 'pass';
    }
    result[suite.attributes.name] = cases;
  }
  return result;
}

/** tests/failures on the root and on every suite agree with the cases. */
function checkCounts(root: XmlElement): void {
  const suites = elements(root, 'testsuite');
  let tests = 0;
  let failures = 0;
  for (const suite of suites) {
    const cases = elements(suite, 'testcase');
    const failed = cases.filter((c) => elements(c, 'failure').length > 0).length;
    expect(suite.attributes).toMatchObject({ tests: String(cases.length), failures: String(failed), errors: '0', skipped: '0', time: '0' });
    tests += cases.length;
    failures += failed;
  }
  expect(root.attributes).toMatchObject({ name: 'sopaudit', tests: String(tests), failures: String(failures), errors: '0' });
}

describe('junit on the bundled workspace', () => {
  const report = auditDir(REPO, '2026-11-28');

  it('is the registered junit format, and the same bytes for the same report', () => {
    expect(FORMATTERS.junit).toBe(junit);
    expect(junit(report, context)).toBe(junit(auditDir(REPO, '2026-11-28'), context));
  });

  describe('with the standard\'s areas from the shell', () => {
    const root = parseXml(junit(report, { ...context, areas: procedureAreas(standard) }));
    const cases = outcomes(root);

    it('has a testsuites root with consistent counts and one suite per branch', () => {
      expect(root.name).toBe('testsuites');
      checkCounts(root);
      expect(Object.keys(cases)).toEqual(report.branches.map((b) => b.id));
    });

    it('has one case per procedure area, in the standard\'s order, after the whole document', () => {
      expect(Object.keys(cases['gb-london-camden'])).toEqual([
        'whole document', 'branch', 'returns', 'serviceDesk', 'phoneSupport', 'complaints', 'conduct',
        'handbook', 'customerRecords', 'feedback', 'training', 'correctiveAction',
      ]);
      expect(Object.values(cases['gb-london-camden']).every((c) => c === 'pass')).toBe(true);
    });

    it('fails the areas with open errors and warnings; info and waived findings pass with output', () => {
      expect(cases['tr-istanbul-kadikoy']).toMatchObject({ returns: 'error', serviceDesk: 'pass+out', phoneSupport: 'pass' });
      expect(cases['in-delhi-connaught']).toMatchObject({ phoneSupport: 'pass+out' });
      expect(cases['au-melbourne-fitzroy']).toMatchObject({ feedback: 'warning', training: 'warning', returns: 'pass' });
      expect(cases['in-vijayawada-mgroad']).toMatchObject({ phoneSupport: 'error', correctiveAction: 'error', 'whole document': 'pass' });
    });

    it('gives a file that is not JSON only its whole-document case, failing', () => {
      expect(cases['us-austin-south']).toEqual({ 'whole document': 'error' });
    });

    it('puts every finding of a failing area in its failure, the first in the message', () => {
      const suite = elements(root, 'testsuite').find((s) => s.attributes.name === 'in-vijayawada-mgroad')!;
      const phone = elements(suite, 'testcase').find((c) => c.attributes.name === 'phoneSupport')!;
      const failure = elements(phone, 'failure')[0];
      expect(failure.attributes.message).toBe('2 findings; /procedures/phoneSupport/answerWithinRings: The value must be of type integer. …');
      expect(textOf(failure).split('\n')).toEqual([
        'branches/in-vijayawada-mgroad.json:86:7  error  invalid/schema  /procedures/phoneSupport/answerWithinRings: The value must be of type integer.',
        'branches/in-vijayawada-mgroad.json:86:7  error  changed/atMost  /procedures/phoneSupport/answerWithinRings: The value "మూడు" is not a number; the standard allows at most 3.',
      ]);
      expect(phone.attributes).toMatchObject({ classname: 'in-vijayawada-mgroad', file: 'branches/in-vijayawada-mgroad.json' });
    });
  });

  it('without areas from the shell, infers them from the findings\' paths', () => {
    const cases = outcomes(parseXml(junit(report, context)));
    expect(Object.keys(cases['gb-london-camden'])).toEqual([
      'whole document', 'complaints', 'conduct', 'correctiveAction', 'feedback', 'handbook', 'phoneSupport', 'returns', 'serviceDesk', 'training',
    ]);
    expect(cases['tr-istanbul-kadikoy']).toMatchObject({ returns: 'error', serviceDesk: 'pass+out' });
  });
});

describe('junit with hostile strings', () => {
  const report = hostileReport();
  const xml = junit(report, context);
  const root = parseXml(xml);
  // XML 1.0 cannot carry U+0007 in any form: it becomes U+FFFD.
  const readable = HOSTILE.replace(/\u0007/g, '\uFFFD');

  it('is well-formed with consistent counts', () => {
    checkCounts(root);
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toMatch(/\]\]>/);
  });

  it('reads back the branch id, file and messages exactly, in attributes and text', () => {
    const suite = elements(root, 'testsuite').find((s) => s.attributes.name !== 'broken' && s.attributes.name !== 'plain')!;
    expect(suite.attributes.name).toBe(readable);
    const file = elements(elements(suite, 'properties')[0], 'property').find((p) => p.attributes.name === 'file')!;
    expect(file.attributes.value).toBe(`branches/${HOSTILE_FILE}`);
    const desk = elements(suite, 'testcase').find((c) => c.attributes.name === 'desk')!;
    expect(desk.attributes.classname).toBe(readable);
    const failure = elements(desk, 'failure')[0];
    const extra = report.branches.find((b) => b.id === HOSTILE)!.findings.find((f) => f.kind === 'extra')!;
    expect(failure.attributes.message).toBe(`${extra.path}: ${extra.message}`.replace(/\u0007/g, '\uFFFD'));
    expect(textOf(failure)).toBe(`branches/${HOSTILE_FILE}:14:9  error  extra/sequence  ${extra.path}: ${extra.message}`.replace(/\u0007/g, '\uFFFD'));
    // The waived (error) and info findings of the same area are output, not failures.
    expect(textOf(elements(desk, 'system-out')[0]).split('\n').map((l) => l.split('  ')[1])).toEqual(['error (waived)', 'info']);
  });

  it('reports the warning as a failure of its own area, and a conforming branch as all passing', () => {
    const cases = outcomes(root);
    const hostile = cases[readable];
    expect(hostile).toEqual({ 'whole document': 'pass', desk: 'error', phone: 'warning' });
    expect(cases.plain).toEqual({ 'whole document': 'pass', desk: 'pass', phone: 'pass' });
    expect(cases.broken).toEqual({ 'whole document': 'error' });
  });
});
