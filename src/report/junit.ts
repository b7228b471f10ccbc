/**
 * JUnit XML for CI test reporters (GitLab, Jenkins, GitHub test-report
 * actions): one <testsuite> per branch, one <testcase> per procedure area of
 * the standard, plus one for the whole document (is it JSON, does its root
 * fit the schema).
 *
 * Why areas and not findings: a test report is read as a fixed grid that
 * turns green or red over time. Areas are the same in every run, so a
 * reporter can show a branch's "returns" going from failing to passing and
 * keep its history; a finding that is fixed would instead vanish, and a
 * passing branch would have no tests at all. Each failing area carries all
 * its findings in one <failure> (the schema allows one per test case), the
 * first in its `message`, every one in the body.
 *
 * What fails: unwaived findings at error or warning severity that are not in
 * the baseline, i.e. what needs fixing. Info findings, waived findings and
 * baseline ones leave the area passing and are listed in its <system-out>,
 * so nothing is hidden but the report agrees with the exit code's spirit.
 * A file that is not JSON was compared with nothing: its suite holds only
 * the document case, rather than areas claimed to pass.
 *
 * No timestamps, `time="0"`: the same report gives the same bytes.
 */
import type { BranchResult, Finding } from '../engine';
import { AreaIndex, inferAreas, type Area } from './areas';
import { xmlAttr, xmlText } from './escape/xml';
import { isBroken } from './summary';
import type { FormatContext, Formatter } from './types';

interface Case {
  name: string;
  findings: Finding[];
}

export const junit: Formatter = (report, context) => {
  const areas = context.areas ?? inferAreas(report.branches.flatMap((b) => b.findings.map((f) => f.path)));
  const index = new AreaIndex(areas);
  const names = caseNames(areas);
  const suites = report.branches.map((branch) => suite(branch, cases(branch, index, names, context), context));
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sopaudit" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
};

/** An area's key names its test case; where two areas share a key, their paths tell them apart. */
function caseNames(areas: readonly Area[]): string[] {
  const seen = new Map<string, number>();
  for (const area of areas) seen.set(area.key, (seen.get(area.key) ?? 0) + 1);
  return areas.map((area) => ((seen.get(area.key) ?? 0) > 1 ? area.path.slice(1) : area.key));
}

function cases(branch: BranchResult, index: AreaIndex, names: readonly string[], context: FormatContext): Case[] {
  const document: Case = { name: context.translator.t('label.document'), findings: [] };
  if (branch.findings.some(isBroken)) {
    return [{ ...document, findings: branch.findings }];
  }
  const byArea: Case[] = names.map((name) => ({ name, findings: [] }));
  for (const finding of branch.findings) {
    const area = index.indexOf(finding.path);
    (area === -1 ? document : byArea[area]).findings.push(finding);
  }
  return [document, ...byArea];
}

function fails(finding: Finding): boolean {
  return !finding.waived && !finding.existing && finding.severity !== 'info';
}

function suite(branch: BranchResult, list: Case[], context: FormatContext): { xml: string; tests: number; failures: number } {
  const failures = list.filter((c) => c.findings.some(fails)).length;
  const lines = [
    `  <testsuite name="${xmlAttr(branch.id)}" tests="${list.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
    '    <properties>',
    `      <property name="file" value="${xmlAttr(branch.file)}"/>`,
    `      <property name="score" value="${branch.score}"/>`,
    `      <property name="valid" value="${branch.valid}"/>`,
    '    </properties>',
    ...list.map((c) => testCase(branch, c, context)),
    '  </testsuite>',
  ];
  return { xml: lines.join('\n'), tests: list.length, failures };
}

function testCase(branch: BranchResult, c: Case, context: FormatContext): string {
  const open = `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(branch.id)}" file="${xmlAttr(branch.file)}" time="0"`;
  if (c.findings.length === 0) return `${open}/>`;
  const failing = c.findings.filter(fails);
  const other = c.findings.filter((f) => !fails(f));
  const lines = [`${open}>`];
  if (failing.length > 0) {
    const worst = failing.some((f) => f.severity === 'error') ? 'error' : 'warning';
    const first = `${failing[0].path || '/'}: ${failing[0].message}`;
    const message = failing.length === 1 ? first : `${context.translator.t('summary.findings', { count: failing.length })}; ${first} …`;
    lines.push(`      <failure message="${xmlAttr(message)}" type="${worst}">${xmlText(failing.map((f) => detail(f, context)).join('\n'))}</failure>`);
  }
  if (other.length > 0) lines.push(`      <system-out>${xmlText(other.map((f) => detail(f, context)).join('\n'))}</system-out>`);
  lines.push('    </testcase>');
  return lines.join('\n');
}

/** One finding as a log line: `file:line:col  severity  kind/rule  path: message`. */
function detail(f: Finding, context: FormatContext): string {
  const { t } = context.translator;
  let severity = t(`severity.${f.severity}`);
  if (f.waived) severity += ` (${t('label.waived')})`;
  else if (f.existing) severity += ` (${t('label.existing')})`;
  return `${f.file}:${f.line}:${f.column}  ${severity}  ${f.kind}/${f.rule}  ${f.path || '/'}: ${f.message}`;
}
