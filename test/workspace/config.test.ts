/**
 * sopaudit.json and the workspace loader: every configuration mistake is
 * exit 2 with one clear line naming the key, as the CLI really runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeWorkspace, runCli } from '../helpers/workspace';

const schema = { type: 'object', properties: { hold: { type: 'integer', 'x-compare': 'atMost' } } };

function withConfig(config: unknown, extra: (dir: string) => void = () => {}): string {
  const dir = makeWorkspace({ schema, standard: { hold: 60 }, branches: { 'a.json': { hold: 30 } }, config });
  extra(dir);
  return dir;
}

describe('sopaudit.json errors', () => {
  it.each([
    ['an unknown key', { schemas: 'x.json' }, /^sopaudit: sopaudit\.json: unknown key "schemas"; the keys are schema, standard, /],
    ['a wrong type', { waiverNoticeDays: 'thirty' }, /^sopaudit: sopaudit\.json: "waiverNoticeDays" must be integer$/],
    ['a wrong item type', { branches: ['ok/*.json', 3] }, /^sopaudit: sopaudit\.json: "branches" must be string \(at \/branches\/1\)$/],
    ['a missing schema file', { schema: 'schemas/nope.json' }, /^sopaudit: sopaudit\.json: "schema" names schemas\/nope\.json, which does not exist$/],
    ['a missing standard file', { standard: 'std.json' }, /^sopaudit: sopaudit\.json: "standard" names std\.json, which does not exist$/],
    ['a missing waivers file', { waivers: 'approved.json' }, /^sopaudit: sopaudit\.json: "waivers" names approved\.json, which does not exist$/],
    ['an unknown locale', { locale: 'fr' }, /^sopaudit: sopaudit\.json: "locale" "fr" is not available; use one of /],
    ['not an object', [], /^sopaudit: sopaudit\.json: must be a JSON object$/],
  ])('%s is exit 2 with one line naming the key', (_label, config, message) => {
    const result = runCli(['check'], { cwd: withConfig(config) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
  });

  it('reports a sopaudit.json that is not JSON with its position', () => {
    const dir = withConfig(undefined, (d) => fs.writeFileSync(path.join(d, 'sopaudit.json'), '{\n  "locale": "en",\n}'));
    const result = runCli(['check'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stderr: 'sopaudit: sopaudit.json:3:1: not valid JSON: unexpected "}"\n' });
  });

  it.each([
    ['sopaudit.json', 'sopaudit.json'],
    ['schemas/standard.json', 'schemas/standard.json'],
    ['waivers.json', 'waivers.json'],
  ])('refuses a %s that is not UTF-8, like a branch file, with exit 2', (file, label) => {
    const dir = withConfig(undefined, (d) => fs.writeFileSync(path.join(d, file), Buffer.from([0x7b, 0x0a, 0x22, 0x61, 0xe9, 0x22, 0x3a, 0x31, 0x7d])));
    const result = runCli(['check'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stderr: `sopaudit: ${label}:2:3: not valid JSON: the bytes are not UTF-8 text\n` });
  });

  it('uses every key when valid', () => {
    const dir = withConfig(
      { schema: 'rules/root.json', standard: 'rules/hq.json', branches: ['stores/*.json'], branchId: '/meta/code', reports: 'out', waiverNoticeDays: 10 },
      (d) => {
        fs.mkdirSync(path.join(d, 'rules'));
        fs.mkdirSync(path.join(d, 'stores'));
        fs.writeFileSync(path.join(d, 'rules', 'root.json'), JSON.stringify(schema));
        fs.writeFileSync(path.join(d, 'rules', 'hq.json'), '{"hold": 60}');
        fs.writeFileSync(path.join(d, 'stores', 'one.json'), '{"hold": 90, "meta": {"code": "store-1"}}');
      },
    );
    const result = runCli(['check', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.standard.file).toBe('rules/hq.json');
    expect(report.branches.map((b: { id: string; file: string }) => [b.id, b.file])).toEqual([['store-1', 'stores/one.json']]);
  });

  it('exits 2 for a workspace folder that does not exist', () => {
    const result = runCli(['check', '--workspace', '/nonexistent/place']);
    expect(result).toMatchObject({ code: 2, stderr: 'sopaudit: workspace folder /nonexistent/place does not exist\n' });
  });

  it('exits 2 naming the entry of a bad waivers file', () => {
    const dir = withConfig(undefined, (d) =>
      fs.writeFileSync(path.join(d, 'waivers.json'), JSON.stringify([
        { branch: 'a', path: '/hold', reason: 'ok', approvedBy: 'hq', expires: '2027-01-01' },
        { branch: 'a', path: '/hold', reason: 'ok', approvedBy: 'hq', expires: '2027-02-30' },
      ])),
    );
    const result = runCli(['check'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('sopaudit: waivers.json: entry 2 (expires): must match format "date"\n');
  });

  it('exits 2 naming the file and first error of a standard that breaks its own schema', () => {
    const dir = makeWorkspace({ schema, standard: { hold: 'sixty' }, branches: { 'a.json': { hold: 30 } } });
    const result = runCli(['check'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('sopaudit: schemas/standard.json:2:3: the standard breaks its own schema at "/hold": must be integer\n');
  });
});
