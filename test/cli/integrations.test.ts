/**
 * The GitHub Action and the pre-commit hook, as far as they can run here:
 * the action's audit step is its own bash script, run with the inputs a
 * workflow would pass (hostile ones included) and the variables the runner
 * sets; the hook is read for what pre-commit will call.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, copyBundledWorkspace, tempDir } from '../helpers/workspace';

const action = fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8');

/** The `run: |` script of the step named `name`, unindented. */
function stepScript(name: string): string {
  const step = action.slice(action.indexOf(`- name: ${name}\n`));
  const lines = step.slice(step.indexOf('run: |\n') + 'run: |\n'.length).split('\n');
  const body: string[] = [];
  for (const line of lines) {
    if (line.trim() !== '' && !line.startsWith('        ')) break;
    body.push(line.slice(8));
  }
  return body.join('\n');
}

/** Runs the audit step as the runner would (`bash -eo pipefail`), with the action's inputs as its env says. */
function audit(inputs: Record<string, string>, cwd: string): { code: number; outputs: string; stdout: string; stderr: string } {
  const outputs = path.join(tempDir(), 'github-output');
  fs.writeFileSync(outputs, '');
  const env: Record<string, string> = {
    ...process.env as Record<string, string>,
    GITHUB_ACTION_PATH: REPO,
    GITHUB_OUTPUT: outputs,
    SOPAUDIT_WORKSPACE: '.', SOPAUDIT_FILES: '', SOPAUDIT_FAIL_ON: 'error', SOPAUDIT_FORMAT: 'github',
    SOPAUDIT_SARIF_FILE: 'sopaudit.sarif', SOPAUDIT_BASELINE: '', SOPAUDIT_LOCALE: '',
    ...inputs,
  };
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', stepScript('Audit')], { cwd, env, encoding: 'utf8' });
  return { code: result.status ?? -1, outputs: fs.readFileSync(outputs, 'utf8'), stdout: result.stdout, stderr: result.stderr };
}

describe('action.yml', () => {
  it('passes every input to its script through the environment, never pasted into the script', () => {
    for (const name of ['Install sopaudit', 'Audit', 'Fail on findings']) expect(stepScript(name)).not.toContain('${{');
    for (const input of ['workspace', 'files', 'fail-on', 'format', 'sarif-file', 'baseline', 'locale']) expect(action).toContain(`\${{ inputs.${input} }}`);
  });

  it('annotates the findings and records exit code 1, leaving the failing to its last step', () => {
    const dir = copyBundledWorkspace();
    const result = audit({}, dir);
    expect(result.code).toBe(0);
    expect(result.outputs).toBe('exit-code=1\n');
    expect(result.stdout).toMatch(/^::error file=branches\/[^,]+\.json,line=\d+,col=\d+,title=/m);
  });

  it('audits only the given files, and writes SARIF where asked', () => {
    const dir = copyBundledWorkspace();
    const result = audit({ SOPAUDIT_FILES: 'branches/gb-london-camden.json\nbranches/tr-ankara-kizilay.json', SOPAUDIT_FORMAT: 'sarif', SOPAUDIT_SARIF_FILE: 'out/a b.sarif' }, dir);
    expect(result.outputs).toBe('exit-code=1\n'); // Ankara's expired waiver leaves an error open
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'a b.sarif'), 'utf8'));
    const files = new Set(sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...files].every((uri) => uri === 'branches/tr-ankara-kizilay.json' || uri === 'branches/gb-london-camden.json')).toBe(true);
  });

  it('takes hostile inputs as values: nothing they say runs', () => {
    const dir = copyBundledWorkspace();
    const marker = path.join(dir, 'pwned');
    const result = audit({ SOPAUDIT_LOCALE: `en"; touch ${marker}; echo "`, SOPAUDIT_BASELINE: `$(touch ${marker})` }, dir);
    expect(fs.existsSync(marker)).toBe(false);
    expect(result.code).toBe(2); // sopaudit refuses the locale: a usage error fails the step
    expect(result.outputs).toBe('exit-code=2\n');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('runs the package\'s bin on the staged branch files', () => {
    const hooks = fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8');
    expect(hooks).toMatch(/entry: sopaudit check\n/);
    expect(hooks).toMatch(/pass_filenames: true/);
    const pattern = new RegExp(/files: (.*)\n/.exec(hooks)![1]);
    expect(pattern.test('branches/gb-london-camden.json')).toBe(true);
    expect(pattern.test('schemas/standard.json')).toBe(false);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect(fs.existsSync(path.join(REPO, pkg.bin.sopaudit))).toBe(true);
  });
});
