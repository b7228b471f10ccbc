/**
 * Test workspaces as real folders in a temp directory, and the CLI as a real
 * child process, so tests go through the same loader and files as users.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const BIN = path.join(REPO, 'dist', 'cli', 'bin.js');

export interface WorkspaceSpec {
  schema: unknown;
  schemaFiles?: Record<string, unknown>;
  standard: unknown;
  /** Branch files by name (relative to branches/); a string is written as is. */
  branches?: Record<string, unknown>;
  waivers?: unknown;
  config?: unknown;
}

const created: string[] = [];

afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'sopaudit-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2) + '\n');
}

export function makeWorkspace(spec: WorkspaceSpec): string {
  const dir = tempDir();
  writeJson(path.join(dir, 'schemas', 'branch.schema.json'), spec.schema);
  for (const [name, schema] of Object.entries(spec.schemaFiles ?? {})) writeJson(path.join(dir, 'schemas', name), schema);
  writeJson(path.join(dir, 'schemas', 'standard.json'), spec.standard);
  for (const [name, branch] of Object.entries(spec.branches ?? {})) writeJson(path.join(dir, 'branches', name), branch);
  if (spec.waivers !== undefined) writeJson(path.join(dir, 'waivers.json'), spec.waivers);
  if (spec.config !== undefined) writeJson(path.join(dir, 'sopaudit.json'), spec.config);
  fs.mkdirSync(path.join(dir, 'branches'), { recursive: true });
  return dir;
}

/** Copies the repository's own bundled workspace (schemas, standard, branches, waivers). */
export function copyBundledWorkspace(): string {
  const dir = tempDir();
  for (const item of ['schemas', 'branches', 'waivers.json']) {
    fs.cpSync(path.join(REPO, item), path.join(dir, item), { recursive: true });
  }
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a child process; colour is off unless `env` says otherwise (a variable given as undefined is removed). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
