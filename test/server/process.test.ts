/**
 * The real server: `node dist/cli/bin.js serve --port 0` as a child
 * process on 127.0.0.1, the port read from its first log line. Concurrent
 * uploads lose no version; SIGKILL in the middle of uploads leaves every
 * branch file whole (its previous or its new version) and every
 * acknowledged version in the history; SIGTERM lets the uploads in
 * progress finish, then exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BIN, REPO, copyBundledWorkspace, runCli } from '../helpers/workspace';
import { TODAY, branchDocument } from './helpers';

interface Served {
  child: ChildProcess;
  port: number;
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServe(dir: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--today', TODAY], {
    cwd: dir,
    env: { ...process.env, SOPAUDIT_LOG_LEVEL: 'info', SOPAUDIT_AUTH_FAILURES: '100000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        logs.push(line);
        const entry = JSON.parse(line) as { msg: string; port?: number };
        if (entry.msg === 'listening') resolve({ child, port: entry.port!, logs, exited });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    void exited.then(({ code }) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
}

interface Reply {
  status: number;
  body: { version?: number; error?: string };
}

/** One request on its own connection; rejects when the connection fails. */
function send(port: number, method: string, url: string, token: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, agent: false, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const camden = fs.readFileSync(path.join(REPO, 'branches', 'gb-london-camden.json'), 'utf8');
/** A valid document of branch `id` whose own "version" field marks which upload it is. */
const upload = (id: string, mark: string) => branchDocument(camden, id, (doc) => {
  doc.version = mark;
});
const historyDir = (dir: string, id: string) => path.join(dir, '.sopaudit', 'history', id);
const metaVersions = (dir: string, id: string) => fs.readdirSync(historyDir(dir, id)).filter((n) => /^\d+\.meta\.json$/.test(n)).map((n) => parseInt(n, 10)).sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function headOfficeToken(dir: string): string {
  const result = runCli(['token', 'create', '--head-office'], { cwd: dir });
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

describe('sopaudit serve as a process', () => {
  it('loses no version when 100 uploads to 10 branches arrive at once, and every file stays valid JSON', async () => {
    const dir = copyBundledWorkspace();
    const token = headOfficeToken(dir);
    const served = await startServe(dir);
    try {
      const ids = range(10).map((i) => `con-${i}`);
      const jobs = range(100).map((n) => {
        const id = ids[n % 10];
        return send(served.port, 'PUT', `/api/branches/${id}/procedures`, token, upload(id, `upload-${n}`)).then((reply) => ({ id, n, reply }));
      });
      const done = await Promise.all(jobs);
      for (const id of ids) {
        const mine = done.filter((d) => d.id === id);
        expect(mine.map((d) => d.reply.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
        expect(mine.map((d) => d.reply.body.version).sort((a, b) => a! - b!)).toEqual(range(10));
        const history = await send(served.port, 'GET', `/api/branches/${id}/history`, token);
        expect((history.body as { versions: Array<{ version: number }> }).versions.map((v) => v.version)).toEqual(range(10));
        const stored = range(10).map((v) => (JSON.parse(fs.readFileSync(path.join(historyDir(dir, id), `${v}.json`), 'utf8')) as { version: string }).version);
        expect(stored.sort()).toEqual(mine.map((d) => `upload-${d.n}`).sort());
        const file = fs.readFileSync(path.join(dir, 'branches', `${id}.json`), 'utf8');
        expect(file).toBe(fs.readFileSync(path.join(historyDir(dir, id), '10.json'), 'utf8'));
      }
      for (const name of fs.readdirSync(path.join(dir, 'branches')).filter((n) => n.endsWith('.json') && !n.startsWith('us-austin'))) {
        expect(() => JSON.parse(fs.readFileSync(path.join(dir, 'branches', name), 'utf8'))).not.toThrow();
      }
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
  });

  it('answers every status of spec §7 over real HTTP', async () => {
    const dir = copyBundledWorkspace();
    const token = headOfficeToken(dir);
    const branch = runCli(['token', 'create', '--branch', 'gb-london-camden'], { cwd: dir }).stdout.trim();
    const served = await startServe(dir);
    try {
      const put = (id: string, body: string, as = token) => send(served.port, 'PUT', `/api/branches/${id}/procedures`, as, body);
      expect((await put('http-new', upload('http-new', 'a'))).status).toBe(201);
      expect((await put('http-new', upload('http-new', 'b'))).status).toBe(200);
      expect((await put('gb-london-camden', upload('gb-london-camden', 'c'), branch)).status).toBe(200);
      const notJson = await put('gb-london-camden', '{"version": }');
      expect([notJson.status, notJson.body]).toEqual([400, expect.objectContaining({ error: 'invalid_json', line: 1, column: 13 })]);
      expect((await put('gb-london-camden', upload('gb-london-camden', 'd'), 'sopa_0000000000000000_' + 'A'.repeat(43))).status).toBe(401);
      expect((await put('http-new', upload('http-new', 'e'), branch)).status).toBe(403);
      expect((await put('gb-london-camden', JSON.stringify({ pad: 'x'.repeat(1_100_000) }))).status).toBe(413);
      expect((await put('gb-london-camden', '{"branch": {"id": "gb-london-camden"}}')).status).toBe(422);
      for (const url of ['/api/branches', '/api/branches/http-new', '/api/branches/http-new/history', '/api/branches/http-new/history/2', '/api/report']) {
        expect([url, (await send(served.port, 'GET', url, token)).status]).toEqual([url, 200]);
        expect([url, (await send(served.port, 'GET', url, 'nope')).status]).toEqual([url, 401]);
      }
      expect((await send(served.port, 'GET', '/api/branches/http-new', branch)).status).toBe(403);
      expect((await send(served.port, 'GET', '/api/branches/nowhere', token)).status).toBe(404);
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
  });

  it('killed with SIGKILL during uploads, leaves each branch at its previous or new version, never a torn file', async () => {
    const dir = copyBundledWorkspace();
    const token = headOfficeToken(dir);
    const served = await startServe(dir);
    const ids = ['gb-london-camden', 'kill-1', 'kill-2', 'kill-3', 'kill-4'];
    const sent = new Map<string, string[]>(ids.map((id) => [id, [id === 'gb-london-camden' ? camden : '']]));
    const acked = new Map<string, Array<{ version: number; index: number }>>(ids.map((id) => [id, []]));
    let alive = true;
    const loops = ids.map(async (id) => {
      for (let n = 1; alive; n++) {
        const text = upload(id, `${id}-${n}`);
        sent.get(id)!.push(text);
        try {
          const reply = await send(served.port, 'PUT', `/api/branches/${id}/procedures`, token, text);
          expect([200, 201]).toContain(reply.status);
          acked.get(id)!.push({ version: reply.body.version!, index: n });
        } catch {
          return; // The server is gone.
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    served.child.kill('SIGKILL');
    alive = false;
    await Promise.all(loops);
    expect((await served.exited).signal).toBe('SIGKILL');

    for (const id of ids) {
      const texts = sent.get(id)!;
      const mine = acked.get(id)!;
      expect(mine.length).toBeGreaterThan(0);
      const file = fs.readFileSync(path.join(dir, 'branches', `${id}.json`), 'utf8');
      expect(() => JSON.parse(file)).not.toThrow();
      const at = texts.indexOf(file);
      // The last acknowledged upload, or the one after it that was being written.
      expect(at).toBeGreaterThanOrEqual(mine[mine.length - 1].index);
      expect(at).toBeLessThanOrEqual(mine[mine.length - 1].index + 1);
      for (const { version, index } of mine) {
        expect(fs.readFileSync(path.join(historyDir(dir, id), `${version}.json`), 'utf8')).toBe(texts[index]);
      }
    }

    // The next start finishes or drops what was interrupted, and serves the latest version.
    const again = await startServe(dir);
    try {
      for (const id of ids) {
        const versions = metaVersions(dir, id);
        expect(versions).toEqual(range(versions.length));
        expect(fs.existsSync(path.join(historyDir(dir, id), 'pending.json'))).toBe(false);
        const current = await send(again.port, 'GET', `/api/branches/${id}`, token);
        expect(current.body.version).toBe(versions[versions.length - 1]);
        expect(fs.readFileSync(path.join(dir, 'branches', `${id}.json`), 'utf8')).toBe(fs.readFileSync(path.join(historyDir(dir, id), `${current.body.version}.json`), 'utf8'));
      }
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 60_000);

  it('on SIGTERM stops accepting, lets uploads in progress finish, and exits 0', async () => {
    const dir = copyBundledWorkspace();
    const token = headOfficeToken(dir);
    const served = await startServe(dir);
    let signalled = false;
    let afterSignal = 0;
    const jobs = range(40).map((n) =>
      send(served.port, 'PUT', '/api/branches/term-1/procedures', token, upload('term-1', `term-${n}`)).then(
        (reply) => {
          if (!signalled) {
            signalled = true;
            served.child.kill('SIGTERM');
          } else {
            afterSignal++;
          }
          return reply;
        },
        () => undefined,
      ),
    );
    const replies = await Promise.all(jobs);
    const { code, signal } = await served.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const ok = replies.filter((r) => r !== undefined);
    expect(ok.every((r) => r!.status === 200 || r!.status === 201)).toBe(true);
    expect(afterSignal).toBeGreaterThan(0);
    // Every stored version was acknowledged, and the branch file is the last of them.
    expect(metaVersions(dir, 'term-1')).toEqual(range(ok.length));
    expect(fs.readFileSync(path.join(dir, 'branches', 'term-1.json'), 'utf8')).toBe(fs.readFileSync(path.join(historyDir(dir, 'term-1'), `${ok.length}.json`), 'utf8'));
    const messages = served.logs.map((line) => (JSON.parse(line) as { msg: string }).msg).filter((msg) => msg !== 'request');
    expect(messages.slice(-3)).toEqual(['signal received', 'stopping: finishing requests in progress', 'stopped']);
  }, 60_000);
});
