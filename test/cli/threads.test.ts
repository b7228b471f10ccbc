/**
 * Worker threads change nothing but speed: `check` and `report` on a
 * synthetic chain large enough to hand batches to workers give the same
 * bytes with one thread and with three, as real child processes.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { writeWorkspace } from '../../src/bench/generate';
import { STAMPS_FILE } from '../../src/cli/commands/report';
import { ITEMS_PER_THREAD, defaultJobs } from '../../src/workspace/jobs';
import { REPO, runCli, tempDir } from '../helpers/workspace';

const dir = tempDir();
writeWorkspace(dir, REPO, 300, 7);

function tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(root, file)] = fs.readFileSync(file, 'utf8');
    }
  }
  return files;
}

describe('--jobs', () => {
  it('check gives byte-identical JSON with 1 and 3 threads', () => {
    const one = runCli(['check', '--format', 'json', '--jobs', '1', '--today', '2026-11-28'], { cwd: dir });
    const three = runCli(['check', '--format', 'json', '--jobs', '3', '--today', '2026-11-28'], { cwd: dir });
    expect(one.code).toBe(1);
    expect(three.code).toBe(1);
    expect(JSON.parse(one.stdout).branches).toHaveLength(300);
    expect(three.stdout).toBe(one.stdout);
  });

  it('report writes the same files with 1 and 3 threads', () => {
    expect(runCli(['report', '--out', 'r1', '--jobs', '1', '--today', '2026-11-28'], { cwd: dir }).code).toBe(0);
    expect(runCli(['report', '--out', 'r3', '--jobs', '3', '--today', '2026-11-28'], { cwd: dir }).code).toBe(0);
    // The pages' stamps hold the times the files were written: bookkeeping, not report content.
    const report = (folder: string) => {
      const files = tree(path.join(dir, folder));
      expect(Object.keys(JSON.parse(files[STAMPS_FILE]).files)).toHaveLength(300);
      delete files[STAMPS_FILE];
      return files;
    };
    const one = report('r1');
    expect(Object.keys(one).filter((f) => f.startsWith('branches')).length).toBe(300);
    expect(report('r3')).toEqual(one);
  });

  it('defaults to one thread per ITEMS_PER_THREAD files, never more than the cores', () => {
    const cores = os.availableParallelism();
    expect(defaultJobs(0)).toBe(1);
    expect(defaultJobs(ITEMS_PER_THREAD - 1)).toBe(1);
    expect(defaultJobs(2 * ITEMS_PER_THREAD)).toBe(Math.min(cores, 2));
    expect(defaultJobs(1000 * ITEMS_PER_THREAD)).toBe(cores);
  });
});
