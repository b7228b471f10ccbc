/**
 * `sopaudit validate` as a real child process on real folders: per-file
 * results, line and column, and exit codes 0/1/2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeWorkspace, runCli } from '../helpers/workspace';

describe('sopaudit validate on the bundled branches', () => {
  const result = runCli(['validate', ...fs.readdirSync('branches').map((f) => path.join('branches', f))]);

  it('flags exactly the planted schema-invalid and broken files, with line and column', () => {
    expect(result.code).toBe(1);
    const failed = result.stdout.split('\n').filter((line) => line.startsWith('✖'));
    expect(failed).toEqual(['✖ branches/in-vijayawada-mgroad.json', '✖ branches/us-austin-south.json']);
    expect(result.stdout).toContain('62:7  error  The file is not valid JSON: unexpected "steps".  json  /');
    // Findings in reading order, columns aligned as `check` prints them.
    expect(result.stdout).toContain([
      '✖ branches/in-vijayawada-mgroad.json',
      '  86:7   error  The value must be of type integer.      schema  /procedures/phoneSupport/answerWithinRings',
      '  250:9  error  The required property role is missing.  schema  /procedures/correctiveAction/steps/2',
    ].join('\n'));
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('11 valid, 2 invalid');
  });

  it('exits 0 when every file is valid', () => {
    const ok = runCli(['validate', 'branches/gb-london-camden.json', 'schemas/standard.json']);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toBe('✔ branches/gb-london-camden.json\n✔ schemas/standard.json\n2 valid, 0 invalid\n');
  });

  it('names files from the folder it runs in for GitHub annotations, as check does', () => {
    const parent = path.dirname(process.cwd());
    const workspace = path.basename(process.cwd());
    const github = runCli(['validate', '--workspace', workspace, path.join(workspace, 'branches', 'in-vijayawada-mgroad.json'), '--format', 'github'], { cwd: parent });
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(new RegExp(`^::error file=${workspace}/branches/in-vijayawada-mgroad\\.json,line=86,col=7,`, 'm'));
  });

  it('prints the report document with --format json', () => {
    const json = runCli(['validate', 'branches/in-vijayawada-mgroad.json', '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.branches[0]).toMatchObject({ id: 'in-vijayawada-mgroad', valid: false });
    expect(report.branches[0].findings.every((f: { kind: string }) => f.kind === 'invalid')).toBe(true);
  });
});

describe('sopaudit validate usage errors', () => {
  it('exits 2 without files', () => {
    const result = runCli(['validate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing required argument 'files'");
  });

  it('exits 2 naming a file that does not exist', () => {
    const result = runCli(['validate', 'branches/nowhere.json']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('sopaudit: branches/nowhere.json does not exist\n');
  });

  it('exits 2 when the schema cannot be used, naming the schema file', () => {
    const dir = makeWorkspace({ schema: '{ "type": "object", ', standard: {} });
    const result = runCli(['validate', 'schemas/standard.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sopaudit: schema branch\.schema\.json: schemas\/branch\.schema\.json:1:\d+: the schema is not valid JSON/);
  });

  it('does not need a valid standard to validate', () => {
    const dir = makeWorkspace({ schema: { type: 'object', required: ['a'] }, standard: {} });
    fs.writeFileSync(path.join(dir, 'doc.json'), '{"a": 1}');
    expect(runCli(['validate', 'doc.json'], { cwd: dir }).code).toBe(0);
  });
});
