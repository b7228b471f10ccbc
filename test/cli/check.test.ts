/**
 * `sopaudit check` as a real child process: exit codes by --fail-on, a draft
 * standard (--standard), a baseline (--baseline: existing findings do not
 * fail, new and fixed are counted), --output, and nothing but the report on
 * stdout when piped (no colour, no progress bar).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, copyBundledWorkspace, makeWorkspace, runCli, type CliResult } from '../helpers/workspace';

const TODAY = ['--today', '2026-11-28'];

describe('exit codes and --fail-on', () => {
  // One branch of each: an error, a warning only, an info only, and one that conforms.
  const schema = {
    type: 'object',
    properties: {
      hold: { type: 'integer', 'x-compare': 'atMost' },
      survey: { type: 'integer', 'x-compare': 'atMost', 'x-severity': 'warning' },
      note: { type: 'string' },
    },
  };
  const dir = makeWorkspace({
    schema,
    standard: { hold: 60, survey: 3 },
    branches: {
      'error.json': { hold: 90, survey: 3 },
      'warning.json': { hold: 60, survey: 5 },
      'info.json': { hold: 60, survey: 3, note: 'local addition' },
      'fine.json': { hold: 45, survey: 2 },
    },
  });
  const code = (file: string, failOn?: string) =>
    runCli(['check', `branches/${file}`, ...TODAY, ...(failOn ? ['--fail-on', failOn] : [])], { cwd: dir }).code;

  it.each([
    ['error.json', undefined, 1], ['warning.json', undefined, 0], ['info.json', undefined, 0], ['fine.json', undefined, 0],
    ['error.json', 'warning', 1], ['warning.json', 'warning', 1], ['info.json', 'warning', 0],
    ['info.json', 'info', 1], ['fine.json', 'info', 0],
    ['error.json', 'none', 0],
  ])('%s with --fail-on %s exits %i', (file, failOn, expected) => {
    expect(code(file, failOn)).toBe(expected);
  });

  it('exits 2 for a --fail-on it does not know', () => {
    const result = runCli(['check', '--fail-on', 'fatal'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'fatal' is invalid. Allowed choices are error, warning, info, none.");
  });

  it('prints nothing but the report on stdout when piped: no colour codes, no progress bar', () => {
    // Neither NO_COLOR nor FORCE_COLOR: only the pipe itself turns colour off.
    const result = runCli(['check', ...TODAY], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stderr).toBe('');
  });
});

describe('a reader that stops early', () => {
  it('closes the pipe without a stack trace, and the exit code still tells the findings', () => {
    const step = (id: string) => ({ id });
    const dir = makeWorkspace({
      schema: { type: 'object', properties: { steps: { type: 'array', 'x-key': 'id', items: { type: 'object' } } } },
      standard: { steps: [step('a')] },
      branches: { 'b.json': { steps: Array.from({ length: 5000 }, (_, i) => step(`local-${i}`)) } },
    });
    const script = `"${process.execPath}" "${BIN}" check 2>"${dir}/stderr.txt" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stdout.trim()).toBe('1');
    expect(fs.readFileSync(path.join(dir, 'stderr.txt'), 'utf8')).toBe('');
  });
});

describe('--standard: a draft standard', () => {
  const dir = copyBundledWorkspace();
  const draft = JSON.parse(fs.readFileSync(path.join(dir, 'schemas', 'standard.json'), 'utf8'));

  it('audits every branch against the draft instead of the workspace\'s standard', () => {
    // A draft that accepts a 14-day return window: Lucknow's finding goes away, nothing else moves.
    draft.procedures.returns.windowDays = 14;
    fs.writeFileSync(path.join(dir, 'draft.json'), JSON.stringify(draft));
    const now = JSON.parse(runCli(['check', '--format', 'json', ...TODAY], { cwd: dir }).stdout);
    const preview = JSON.parse(runCli(['check', '--format', 'json', '--standard', 'draft.json', ...TODAY], { cwd: dir }).stdout);
    const paths = (report: { branches: Array<{ findings: Array<{ path: string }> }> }) => report.branches.flatMap((b) => b.findings.map((f) => f.path));
    expect(paths(now)).toContain('/procedures/returns/windowDays');
    expect(paths(preview)).not.toContain('/procedures/returns/windowDays');
    expect(paths(preview)).toHaveLength(paths(now).length - 1);
    expect(preview.standard.file).toBe('draft.json');
  });

  it('exits 2 when the draft breaks the schema, naming the file', () => {
    fs.writeFileSync(path.join(dir, 'bad-draft.json'), JSON.stringify({ ...draft, procedures: { ...draft.procedures, returns: { ...draft.procedures.returns, windowDays: 'thirty' } } }, null, 2));
    const result = runCli(['check', '--standard', 'bad-draft.json', ...TODAY], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sopaudit: bad-draft\.json:\d+:\d+: the standard breaks its own schema at "\/procedures\/returns\/windowDays"/);
  });
});

describe('--baseline and --output', () => {
  const dir = copyBundledWorkspace();
  const baselineFile = path.join(dir, 'baseline.json');
  let written: CliResult;
  beforeAll(() => {
    written = runCli(['check', '--format', 'json', '--output', 'baseline.json', ...TODAY], { cwd: dir });
  });

  it('writes the report with --output, and prints nothing', () => {
    expect(written.code).toBe(1);
    expect(written.stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
    expect(report.branches).toHaveLength(13);
  });

  it('does not fail on findings already in the baseline', () => {
    const result = runCli(['check', '--baseline', 'baseline.json', '--format', 'json', ...TODAY], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary.baseline).toEqual({ file: 'baseline.json', new: 0, existing: 20, fixed: 0 });
    // Nothing new to act on: the summary line does not look failed.
    expect(runCli(['check', '--baseline', 'baseline.json', ...TODAY], { cwd: dir }).stdout.trimEnd().split('\n').pop()).toMatch(/^✔ 19 findings/);
    expect(report.branches.flatMap((b: { findings: Array<{ existing: boolean }> }) => b.findings).every((f: { existing: boolean }) => f.existing)).toBe(true);
  });

  it('counts new and fixed findings since the baseline, and fails on the new one only', () => {
    const file = path.join(dir, 'branches', 'in-lucknow-hazratganj.json');
    const branch = JSON.parse(fs.readFileSync(file, 'utf8'));
    branch.procedures.returns.windowDays = 30; // fixes one finding
    branch.procedures.phoneSupport.holdMaxSeconds = 75; // adds one
    fs.writeFileSync(file, JSON.stringify(branch, null, 2));
    const result = runCli(['check', '--baseline', 'baseline.json', '--format', 'json', ...TODAY], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.summary.baseline).toEqual({ file: 'baseline.json', new: 1, existing: 19, fixed: 1 });
    const fresh = report.branches.flatMap((b: { findings: Array<{ existing: boolean; path: string }> }) => b.findings).filter((f: { existing: boolean }) => !f.existing);
    expect(fresh.map((f: { path: string }) => f.path)).toEqual(['/procedures/phoneSupport/holdMaxSeconds']);
    expect(runCli(['check', '--baseline', 'baseline.json', ...TODAY], { cwd: dir }).stdout).toContain('1 new and 1 fixed since the baseline');
    // Only the files named (a pre-commit hook, a pull request's changed files): the others' baseline findings are not "fixed".
    const some = runCli(['check', 'branches/in-lucknow-hazratganj.json', '--baseline', 'baseline.json', '--format', 'json', ...TODAY], { cwd: dir });
    const lucknow = report.branches.find((b: { id: string }) => b.id === 'in-lucknow-hazratganj').findings.length;
    expect(JSON.parse(some.stdout).summary.baseline).toEqual({ file: 'baseline.json', new: 1, existing: lucknow - 1, fixed: 1 });
  });

  it('exits 2 in one line when a file stands where --output needs a folder', () => {
    fs.writeFileSync(path.join(dir, 'afile'), '');
    const result = runCli(['check', '--output', 'afile/x/report.txt', ...TODAY], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sopaudit: --output \S*afile\/x\/report\.txt cannot be written: \S*afile is a file, not a folder\n$/);
  });

  it('exits 2 for a baseline that is not a report', () => {
    fs.writeFileSync(path.join(dir, 'not-a-report.json'), '{"hello": 1}');
    const result = runCli(['check', '--baseline', 'not-a-report.json', ...TODAY], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not-a-report\.json is not a sopaudit report\.json/);
  });
});
