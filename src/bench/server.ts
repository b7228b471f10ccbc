/**
 * The server part of the benchmark: a real `sopaudit serve` child process on
 * loopback over a synthetic workspace, loaded with autocannon for a bounded
 * time: uploads (PUT of valid documents, spread over many branches, on the
 * workspace store) and GET /api/report. Reports throughput and p50/p99
 * latency as measured by autocannon. The report's latency is measured with
 * one client (what a reader waits for: the document is maintained, not
 * recomputed); with 10 clients at once the figure is throughput, since each
 * answer is several megabytes.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

export interface ServerResult {
  branches: number;
  startMs: number;
  uploadsPerSecond: number;
  uploadP50Ms: number;
  uploadP99Ms: number;
  uploadErrors: number;
  reportP50Ms: number;
  reportP99Ms: number;
  reportErrors: number;
  reportBytes: number;
  /** With `reportConnections` clients at once. */
  reportRequestsPerSecond: number;
  reportLoadedP50Ms: number;
  reportLoadedP99Ms: number;
}

export interface ServerBenchOptions {
  bin: string;
  today: string;
  seconds: number;
  uploadConnections: number;
  reportConnections: number;
}

export async function benchServer(dir: string, branches: number, options: ServerBenchOptions): Promise<ServerResult> {
  const token = createToken(options.bin, dir);
  const bodies = validBodies(dir, 1000);
  const started = process.hrtime.bigint();
  const server = spawn(process.execPath, [options.bin, 'serve', '--port', '0', '--today', options.today], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await listeningPort(server.stdout!);
    const startMs = Number(process.hrtime.bigint() - started) / 1e6;
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let next = 0;
    const uploads = await autocannon({
      url: base,
      connections: options.uploadConnections,
      duration: options.seconds,
      requests: [
        {
          method: 'PUT',
          headers: auth,
          setupRequest: (request) => {
            const body = bodies[next++ % bodies.length];
            return { ...request, path: `/api/branches/${encodeURIComponent(body.id)}/procedures`, body: body.text };
          },
        },
      ],
    });
    const reportRequest = { url: `${base}/api/report`, duration: options.seconds, headers: { authorization: `Bearer ${token}` } };
    const report = await autocannon({ ...reportRequest, connections: 1 });
    const loaded = await autocannon({ ...reportRequest, connections: options.reportConnections });
    return {
      branches,
      startMs: Math.round(startMs),
      uploadsPerSecond: Math.round(uploads.requests.average),
      uploadP50Ms: uploads.latency.p50,
      uploadP99Ms: uploads.latency.p99,
      uploadErrors: uploads.errors + uploads.non2xx,
      reportP50Ms: report.latency.p50,
      reportP99Ms: report.latency.p99,
      reportErrors: report.errors + report.non2xx + loaded.errors + loaded.non2xx,
      reportBytes: Math.round(report.throughput.average / Math.max(1, report.requests.average)),
      reportRequestsPerSecond: Math.round(loaded.requests.average),
      reportLoadedP50Ms: loaded.latency.p50,
      reportLoadedP99Ms: loaded.latency.p99,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

function createToken(bin: string, dir: string): string {
  const created = spawnSync(process.execPath, [bin, 'token', 'create', '--head-office'], { cwd: dir, encoding: 'utf8' });
  const token = created.stdout.split('\n').find((line) => line.startsWith('sopa_'));
  if (created.status !== 0 || !token) throw new Error(`could not create a token: ${created.stderr}`);
  return token.trim();
}

/** Documents that the server will store (valid JSON with their own id), to upload in turn. */
function validBodies(dir: string, count: number): Array<{ id: string; text: string }> {
  const folder = path.join(dir, 'branches');
  const bodies: Array<{ id: string; text: string }> = [];
  for (const name of fs.readdirSync(folder).sort()) {
    if (bodies.length >= count) break;
    const text = fs.readFileSync(path.join(folder, name), 'utf8');
    try {
      const document = JSON.parse(text) as { branch?: { id?: string }; procedures?: { phoneSupport?: { holdMaxSeconds?: unknown } } };
      if (typeof document.procedures?.phoneSupport?.holdMaxSeconds === 'number' && document.branch?.id) bodies.push({ id: document.branch.id, text });
    } catch {
      // Broken on purpose: not an upload the benchmark measures.
    }
  }
  return bodies;
}

/** The port from the server's "listening" log line. */
function listeningPort(stdout: NodeJS.ReadableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && typeof entry.port === 'number') resolve(entry.port);
      } catch {
        // Not a log line.
      }
    });
    lines.on('close', () => reject(new Error('the server stopped before listening')));
  });
}
