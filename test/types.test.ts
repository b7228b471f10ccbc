/**
 * Generated types are never edited by hand: regenerating them must give
 * exactly the committed files (run `npm run types` after changing a schema),
 * and the x- annotations must not leak into them. Generation runs in a child
 * process because json-schema-to-typescript formats with prettier, which
 * loads itself with a dynamic import that Jest's module sandbox refuses.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, makeWorkspace, runCli } from './helpers/workspace';

describe('generated types', () => {
  it('types/branch.ts is what the bundled schemas generate', () => {
    expect(runCli(['types', '--check'])).toMatchObject({ code: 0, stdout: 'types/branch.ts is up to date\n' });
    const source = fs.readFileSync(path.join(REPO, 'types', 'branch.ts'), 'utf8');
    expect(source).not.toMatch(/x-(compare|key|severity|maxWords)/);
    expect(source).toContain('export interface BranchDocument');
  });

  it('src/generated is what src/schemas generate', () => {
    const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'generate-internal-types.js'), '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('says in one line, without a stack trace, when the generator cannot take a schema', () => {
    const dir = makeWorkspace({ schema: { type: 'object', properties: { a: { $ref: '#/properties/a' } } }, standard: {} });
    const result = runCli(['types'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sopaudit: schema branch\.schema\.json: json-schema-to-typescript cannot turn it into types: [^\n]*\n$/);
  });

  it('sopaudit types writes a workspace\'s types and --check tells stale from fresh', () => {
    const dir = makeWorkspace({
      schema: { type: 'object', properties: { steps: { $ref: 'step.schema.json', 'x-compare': 'sequence', 'x-key': 'id' } } },
      schemaFiles: { 'step.schema.json': { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } },
      standard: {},
    });
    expect(runCli(['types', '--check'], { cwd: dir })).toMatchObject({ code: 1, stderr: 'types/branch.ts is missing; run sopaudit types\n' });
    expect(runCli(['types'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'wrote types/branch.ts\n' });
    const source = fs.readFileSync(path.join(dir, 'types', 'branch.ts'), 'utf8');
    expect(source).toMatch(/export type Step = \{\s+id\?: string;\s+\}\[\];/);
    expect(source).toMatch(/steps\?: Step;/);
    expect(source).not.toContain('x-key');
    expect(runCli(['types', '--check'], { cwd: dir })).toMatchObject({ code: 0 });
    fs.appendFileSync(path.join(dir, 'types', 'branch.ts'), '// edited by hand\n');
    expect(runCli(['types', '--check'], { cwd: dir })).toMatchObject({ code: 1, stderr: 'types/branch.ts is stale; run sopaudit types\n' });
  });
});
