/**
 * The benchmark's own parts work on the bundled schema (its figures are for
 * people and never asserted): the floor must validate every branch it reads,
 * or the ratios `npm run bench` prints compare against nothing. It runs the
 * compiled floor (dist/), which `npm test` builds first; run alone with
 * `npx jest`, build before (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeWorkspace } from '../src/bench/generate';
import { REPO, tempDir } from './helpers/workspace';

it('the floor reads, parses and validates every generated branch with the bundled schema', () => {
  const dir = tempDir();
  writeWorkspace(dir, REPO, 400, 7);
  const result = spawnSync(process.execPath, [path.join(REPO, 'dist', 'bench', 'floor.js'), dir], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const { valid, broken } = JSON.parse(result.stdout) as { valid: number; broken: number };
  const files = fs.readdirSync(path.join(dir, 'branches')).length;
  expect(files).toBe(400);
  // About 2% schema-invalid and 0.5% broken: most are valid, and some fail
  // validation (a floor that accepted every document would not be validating).
  expect(valid).toBeGreaterThan(350);
  expect(valid + broken).toBeLessThan(files);
});
