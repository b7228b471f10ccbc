/**
 * `npm run bench`: builds seeded synthetic workspaces (1 000, 10 000 and
 * 50 000 branches by default) and measures, each as a child process, the
 * floor (read + JSON.parse + one precompiled Ajv validator), `sopaudit check
 * --format json --output FILE` with one thread and with all cores, and
 * `sopaudit report`: wall time (median of the runs), branches per second,
 * the ratio to the floor, and the child's peak RSS. Prints a table, or one
 * JSON object with --json. The server part (on by default, `--no-server`
 * to skip) starts `sopaudit serve` on the 10 000-branch workspace (or the
 * largest one measured below that) and loads it with autocannon.
 * Timings are never asserted anywhere: machines here are noisy, so the
 * figures are for people to read.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWorkspace } from './generate';
import { benchServer, type ServerResult } from './server';

const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO, 'dist', 'cli', 'bin.js');

interface Args {
  branches: number[];
  runs: number;
  json: boolean;
  seed: number;
  keep: boolean;
  server: boolean;
  serverSeconds: number;
}

export interface Result {
  branches: number;
  bytesPerBranch: number;
  floorMs: number;
  checkMs: number;
  checkAllCoresMs: number;
  reportMs: number;
  ratio: number;
  ratioAllCores: number;
  branchesPerSecond: number;
  peakRssMb: number;
  peakRssAllCoresMb: number;
  reportPeakRssMb: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { branches: [1000, 10000, 50000], runs: 3, json: false, seed: 1, keep: false, server: true, serverSeconds: 10 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--branches') args.branches = value().split(',').map((n) => Number(n.replace(/_/g, '')));
    else if (flag === '--runs') args.runs = Number(value());
    else if (flag === '--seed') args.seed = Number(value());
    else if (flag === '--json') args.json = true;
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--no-server') args.server = false;
    else if (flag === '--server-seconds') args.serverSeconds = Number(value());
    else throw new Error(`unknown option ${flag} (options: --branches 1000,10000 --runs N --seed N --json --keep --no-server --server-seconds N)`);
  }
  if (args.branches.some((n) => !Number.isInteger(n) || n < 1) || !(args.runs >= 1)) throw new Error('--branches and --runs take positive whole numbers');
  return args;
}

/**
 * Runs a command as a child process `runs` times; the median wall time and
 * the largest peak RSS. `ok` are the exit codes that mean it did its work
 * (a check with findings exits 1; the floor must exit 0).
 */
function measure(args: string[], cwd: string, runs: number, ok: readonly number[] = [0, 1]): { ms: number; rssMb: number } {
  const times: number[] = [];
  let rss = 0;
  const rssFile = path.join(os.tmpdir(), `sopaudit-bench-rss-${process.pid}`);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--require', path.join(__dirname, 'rss.js'), ...args], {
      cwd,
      env: { ...process.env, SOPAUDIT_BENCH_RSS: rssFile, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!ok.includes(child.status ?? -1)) {
      throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
    }
    rss = Math.max(rss, Number(fs.readFileSync(rssFile, 'utf8')));
  }
  fs.rmSync(rssFile, { force: true });
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], rssMb: rss / (1024 * 1024) };
}

async function benchmark(branches: number, args: Args, withServer: boolean): Promise<{ result: Result; server?: ServerResult }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sopaudit-bench-${branches}-`));
  try {
    const { bytes } = writeWorkspace(dir, REPO, branches, args.seed);
    const out = path.join(dir, 'out.json');
    const today = ['--today', '2026-11-28'];
    // One untimed pass so every command meets a warm page cache, as the floor does.
    measure([path.join(__dirname, 'floor.js'), dir], dir, 1, [0]);
    const floor = measure([path.join(__dirname, 'floor.js'), dir], dir, args.runs, [0]);
    const check = measure([BIN, 'check', '--format', 'json', '--output', out, '--jobs', '1', ...today], dir, args.runs);
    const cores = measure([BIN, 'check', '--format', 'json', '--output', out, '--jobs', String(os.availableParallelism()), ...today], dir, args.runs);
    const report = measure([BIN, 'report', '--out', path.join(dir, 'reports'), ...today], dir, args.runs);
    const round = (n: number, digits = 0) => Number(n.toFixed(digits));
    const result: Result = {
      branches,
      bytesPerBranch: round(bytes / branches),
      floorMs: round(floor.ms),
      checkMs: round(check.ms),
      checkAllCoresMs: round(cores.ms),
      reportMs: round(report.ms),
      ratio: round(check.ms / floor.ms, 2),
      ratioAllCores: round(cores.ms / floor.ms, 2),
      branchesPerSecond: round((branches * 1000) / check.ms),
      peakRssMb: round(check.rssMb),
      peakRssAllCoresMb: round(cores.rssMb),
      reportPeakRssMb: round(report.rssMb),
    };
    if (!withServer) return { result };
    if (!args.json) process.stderr.write(`loading the server with ${branches} branches…\n`);
    const server = await benchServer(dir, branches, {
      bin: BIN, today: '2026-11-28', seconds: args.serverSeconds, uploadConnections: 50, reportConnections: 10,
    });
    return { result, server };
  } finally {
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function table(results: Result[]): string {
  const header = ['branches', 'KB/branch', 'floor ms', 'check -j1 ms', '× floor', `check -j${os.availableParallelism()} ms`, '× floor', 'report ms', 'report × check', 'branches/s', 'peak RSS MB (j1 / all / report)'];
  const rows = results.map((r) => [
    String(r.branches), (r.bytesPerBranch / 1024).toFixed(1), String(r.floorMs), String(r.checkMs), r.ratio.toFixed(2),
    String(r.checkAllCoresMs), r.ratioAllCores.toFixed(2), String(r.reportMs), (r.reportMs / r.checkMs).toFixed(2),
    String(r.branchesPerSecond), `${r.peakRssMb} / ${r.peakRssAllCoresMb} / ${r.reportPeakRssMb}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 1) + ':').join('|') + '|', ...rows.map(line)].join('\n');
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.availableParallelism()} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

function serverTable(server: ServerResult): string {
  return [
    `Server (workspace store, ${server.branches} branches; first start ${server.startMs} ms, which records every branch file into history):`,
    `  PUT /api/branches/:id/procedures  ${server.uploadsPerSecond} uploads/s  p50 ${server.uploadP50Ms} ms  p99 ${server.uploadP99Ms} ms  (50 connections; ${server.uploadErrors} errors)`,
    `  GET /api/report                   p50 ${server.reportP50Ms} ms  p99 ${server.reportP99Ms} ms  (one client; ${(server.reportBytes / 1048576).toFixed(1)} MB each; ${server.reportErrors} errors)`,
    `                                    ${server.reportRequestsPerSecond} requests/s, p50 ${server.reportLoadedP50Ms} ms  p99 ${server.reportLoadedP99Ms} ms with 10 clients at once`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const serverAt = args.server ? Math.max(...args.branches.filter((n) => n <= 10000), 0) : 0;
  const results: Result[] = [];
  let server: ServerResult | undefined;
  for (const branches of args.branches) {
    if (!args.json) process.stderr.write(`benchmarking ${branches} branches…\n`);
    const measured = await benchmark(branches, args, branches === serverAt);
    results.push(measured.result);
    server ??= measured.server;
  }
  if (args.json) {
    process.stdout.write(JSON.stringify({ machine: machine(), runs: args.runs, results, ...(server && { server }) }, null, 2) + '\n');
  } else {
    process.stdout.write(`${machine()}; median of ${args.runs} runs\n\n${table(results)}\n`);
    if (server) process.stdout.write(`\n${serverTable(server)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 2;
});
