/**
 * The HTTP API (spec §7) through supertest on the app, over a copy of the
 * bundled workspace: every status, what a branch token sees, what is and
 * is not stored, hostile input, and every response held against the
 * OpenAPI document.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import pino from 'pino';
import { writeWorkspace } from '../../src/bench/generate';
import { auditDir } from '../helpers/audit';
import { REPO, tempDir } from '../helpers/workspace';
import { WorkspaceStore } from '../../src/store';
import { loadConfig } from '../../src/workspace/config';
import { TODAY, branchDocument, call, testServer, type TestServer } from './helpers';

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('the API over the workspace store', () => {
  let t: TestServer;
  let camden: string;

  beforeAll(async () => {
    t = await testServer();
    camden = read(t.dir, 'branches/gb-london-camden.json');
  });

  afterAll(async () => {
    await t.store.close();
  });

  describe('reading', () => {
    it('serves the same report document as sopaudit check --format json, byte for byte', async () => {
      const res = await call(t.app, 'GET', '/api/report', { token: t.headOffice });
      expect(res.status).toBe(200);
      expect(res.text).toBe(JSON.stringify(auditDir(t.dir, TODAY)));
    });

    it('answers 304 to a repeated report request with its ETag', async () => {
      const first = await call(t.app, 'GET', '/api/report', { token: t.headOffice });
      const again = await call(t.app, 'GET', '/api/report', { token: t.headOffice, headers: { 'If-None-Match': first.headers.etag } });
      expect(again.status).toBe(304);
    });

    it('lists every branch for head office, with version, score and counts', async () => {
      const res = await call(t.app, 'GET', '/api/branches', { token: t.headOffice });
      expect(res.status).toBe(200);
      expect(res.body.branches).toHaveLength(13);
      expect(res.body.branches.map((b: { id: string }) => b.id)).toEqual([...res.body.branches.map((b: { id: string }) => b.id)].sort());
      expect(res.body.branches.find((b: { id: string }) => b.id === 'in-delhi-connaught')).toMatchObject({
        file: 'branches/in-delhi-connaught.json',
        version: 1,
        valid: true,
        score: 100,
        findings: { error: 0, warning: 0, info: 0 },
        waived: 1,
      });
    });

    it('shows a branch token only its own branch in the list and the report', async () => {
      const token = await t.branchToken('tr-istanbul-kadikoy');
      const list = await call(t.app, 'GET', '/api/branches', { token });
      expect(list.body.branches.map((b: { id: string }) => b.id)).toEqual(['tr-istanbul-kadikoy']);
      const report = await call(t.app, 'GET', '/api/report', { token });
      expect(report.body.summary).toEqual({ branches: 1, conforming: 0, findings: { error: 1, warning: 0, info: 1 }, waived: 0 });
      expect(report.body.branches.map((b: { id: string }) => b.id)).toEqual(['tr-istanbul-kadikoy']);
      const waivers = [...report.body.waivers.expired, ...report.body.waivers.expiring, ...report.body.waivers.unused];
      expect(waivers.every((w: { branch: string }) => w.branch === 'tr-istanbul-kadikoy' || w.branch === '*')).toBe(true);
    });

    it('gives one branch with its findings; 403 for another branch\'s token; 404 for none', async () => {
      const own = await call(t.app, 'GET', '/api/branches/tr-istanbul-kadikoy', { token: await t.branchToken('tr-istanbul-kadikoy') });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: 'tr-istanbul-kadikoy', version: 1, valid: true });
      expect(own.body.findings.map((f: { path: string }) => f.path)).toEqual(['/procedures/returns/steps/inspect-item', '/procedures/serviceDesk/languagesSpoken']);
      const other = await call(t.app, 'GET', '/api/branches/gb-london-camden', { token: await t.branchToken('tr-istanbul-kadikoy') });
      expect(other.status).toBe(403);
      expect(other.body).toEqual({ error: 'forbidden', message: 'this token may only access branch tr-istanbul-kadikoy' });
      const none = await call(t.app, 'GET', '/api/branches/nowhere', { token: t.headOffice });
      expect(none.status).toBe(404);
      expect(none.body.error).toBe('not_found');
    });

    it('keeps the history, and serves each version as stored', async () => {
      const list = await call(t.app, 'GET', '/api/branches/us-austin-south/history', { token: t.headOffice });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        branch: 'us-austin-south',
        versions: [expect.objectContaining({ version: 1, source: 'workspace', tokenId: null, valid: false, score: 0 })],
      });
      const broken = await call(t.app, 'GET', '/api/branches/us-austin-south/history/1', { token: t.headOffice });
      expect(broken.body.text).toBe(read(t.dir, 'branches/us-austin-south.json'));
      const json = await call(t.app, 'GET', '/api/branches/gb-london-camden/history/1', { token: t.headOffice });
      expect(json.body.document).toEqual(JSON.parse(camden));
      expect((await call(t.app, 'GET', '/api/branches/gb-london-camden/history/99', { token: t.headOffice })).status).toBe(404);
      for (const version of ['0', 'abc', '1.5', '-1', '99999999999999999999']) {
        const bad = await call(t.app, 'GET', `/api/branches/gb-london-camden/history/${version}`, { token: t.headOffice });
        expect([bad.status, bad.body.error]).toEqual([400, 'bad_version']);
      }
      expect((await call(t.app, 'GET', '/api/branches/nowhere/history', { token: t.headOffice })).status).toBe(404);
    });

    it('answers health and the OpenAPI document without a token', async () => {
      expect((await call(t.app, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
      const doc = await call(t.app, 'GET', '/api/openapi.json');
      expect(doc.body.openapi).toBe('3.1.0');
    });
  });

  describe('uploading', () => {
    it('stores a first version with 201 and later ones with 200, with version, valid, score and findings', async () => {
      const body = branchDocument(camden, 'gb-london-soho');
      const first = await call(t.app, 'PUT', '/api/branches/gb-london-soho/procedures', { token: t.headOffice, body });
      expect(first.status).toBe(201);
      expect(first.headers.location).toBe('/api/branches/gb-london-soho');
      expect(first.body).toEqual({ version: 1, valid: true, score: 100, findings: [] });
      expect(read(t.dir, 'branches/gb-london-soho.json')).toBe(body);
      const changed = branchDocument(camden, 'gb-london-soho', (doc) => {
        (doc as { procedures: { phoneSupport: { holdMaxSeconds: number } } }).procedures.phoneSupport.holdMaxSeconds = 120;
      });
      const second = await call(t.app, 'PUT', '/api/branches/gb-london-soho/procedures', { token: await t.branchToken('gb-london-soho'), body: changed });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ version: 2, valid: true, score: 99 });
      expect(second.body.findings).toEqual([
        expect.objectContaining({ branch: 'gb-london-soho', file: 'branches/gb-london-soho.json', path: '/procedures/phoneSupport/holdMaxSeconds', kind: 'changed', rule: 'atMost', actual: 120 }),
      ]);
      const history = await call(t.app, 'GET', '/api/branches/gb-london-soho/history', { token: t.headOffice });
      expect(history.body.versions.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([[1, 'upload'], [2, 'upload']]);
    });

    it('keeps the report equal to a full audit after uploads, without auditing the others again', async () => {
      const body = branchDocument(read(t.dir, 'branches/tr-izmir-alsancak.json'), 'tr-izmir-alsancak', (doc) => {
        (doc as { version: string }).version = 'fixed-2026';
      });
      expect((await call(t.app, 'PUT', '/api/branches/tr-izmir-alsancak/procedures', { token: t.headOffice, body })).status).toBe(200);
      const res = await call(t.app, 'GET', '/api/report', { token: t.headOffice });
      expect(res.text).toBe(JSON.stringify(auditDir(t.dir, TODAY)));
    });

    it('answers 400 with line and column for a body that is not JSON', async () => {
      const res = await call(t.app, 'PUT', '/api/branches/gb-london-camden/procedures', { token: t.headOffice, body: '{\n  "version": "1",\n  "branch" {}\n}' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: 'invalid_json',
        problem: 'syntax',
        line: 3,
        column: 12,
        message: 'the body is not valid JSON at line 3, column 12: unexpected {',
      });
    });

    it.each([
      ['empty', '', 'empty'],
      ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'encoding'],
      ['a repeated key', '{"a": 1, "a": 2}', 'duplicateKey'],
      ['nested past the depth limit', '['.repeat(300) + ']'.repeat(300), 'tooDeep'],
      ['cut short', '{"a": [1, 2', 'unexpectedEnd'],
    ])('answers 400 for a body that is %s', async (_name, body, problem) => {
      const res = await call(t.app, 'PUT', '/api/branches/gb-london-camden/procedures', { token: t.headOffice, body });
      expect([res.status, res.body.problem]).toEqual([400, problem]);
      if (problem === 'tooDeep') expect(res.body.message).toContain('nests deeper than 256 levels');
    });

    it('answers 422 with the findings for a document that breaks the schema, and stores nothing', async () => {
      const before = read(t.dir, 'branches/in-vijayawada-mgroad.json');
      const reportBefore = (await call(t.app, 'GET', '/api/report', { token: t.headOffice })).text;
      const broken = branchDocument(camden, 'in-vijayawada-mgroad', (doc) => {
        (doc as { procedures: { phoneSupport: { answerWithinRings: unknown } } }).procedures.phoneSupport.answerWithinRings = 'three';
      });
      const res = await call(t.app, 'PUT', '/api/branches/in-vijayawada-mgroad/procedures', { token: t.headOffice, body: broken });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: 'invalid_document', valid: false, message: 'the document breaks the schema (1 invalid finding); it was not stored and version 1 stays current' });
      expect(res.body.findings).toContainEqual(expect.objectContaining({ kind: 'invalid', rule: 'schema', path: '/procedures/phoneSupport/answerWithinRings', line: expect.any(Number) }));
      expect(read(t.dir, 'branches/in-vijayawada-mgroad.json')).toBe(before);
      const history = await call(t.app, 'GET', '/api/branches/in-vijayawada-mgroad/history', { token: t.headOffice });
      expect(history.body.versions).toHaveLength(1);
      expect((await call(t.app, 'GET', '/api/report', { token: t.headOffice })).text).toBe(reportBefore);
      const fresh = await call(t.app, 'PUT', '/api/branches/never-valid/procedures', { token: t.headOffice, body: branchDocument(broken, 'never-valid') });
      expect(fresh.body.message).toBe('the document breaks the schema (1 invalid finding); nothing was stored');
      expect((await call(t.app, 'GET', '/api/branches/never-valid', { token: t.headOffice })).status).toBe(404);
    });

    it('answers 422 for a document that names another branch, saying why', async () => {
      const res = await call(t.app, 'PUT', '/api/branches/tr-izmir-alsancak/procedures', { token: t.headOffice, body: camden });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        error: 'branch_mismatch',
        message: 'the document\'s /branch/id is "gb-london-camden" but the URL names branch "tr-izmir-alsancak"; upload it to that branch or correct /branch/id',
      });
      const injected = await call(t.app, 'PUT', '/api/branches/gb-london-camden/procedures', { token: t.headOffice, body: '{"branch": {"id": {"$ne": null}}}' });
      expect([injected.status, injected.body.error]).toEqual([422, 'branch_mismatch']);
    });

    it('answers 401 without a valid token and 403 for another branch\'s token, storing nothing', async () => {
      const url = '/api/branches/gb-london-camden/procedures';
      const none = await call(t.app, 'PUT', url, { body: camden });
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="sopaudit"');
      expect(none.body).toEqual({ error: 'unauthorized', message: 'send a token: Authorization: Bearer <token>' });
      const wrong = await call(t.app, 'PUT', url, { token: t.headOffice.slice(0, -1) + (t.headOffice.endsWith('A') ? 'B' : 'A'), body: camden });
      expect([wrong.status, wrong.body.message]).toEqual([401, 'the token is not valid']);
      expect(wrong.headers['www-authenticate']).toContain('error="invalid_token"');
      const basic = await call(t.app, 'PUT', url, { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' }, body: camden });
      expect(basic.status).toBe(401);
      const other = await call(t.app, 'PUT', url, { token: await t.branchToken('tr-izmir-alsancak'), body: camden });
      expect(other.status).toBe(403);
      const history = await call(t.app, 'GET', '/api/branches/gb-london-camden/history', { token: t.headOffice });
      expect(history.body.versions.every((v: { source: string }) => v.source === 'workspace')).toBe(true);
    });

    it('answers 413 as JSON past the body limit', async () => {
      const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
      const res = await call(t.app, 'PUT', '/api/branches/gb-london-camden/procedures', { token: t.headOffice, body: big });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ error: 'payload_too_large', message: 'the body is larger than the limit of 1048576 bytes' });
    });

    it('answers 415 for a compressed body', async () => {
      const res = await call(t.app, 'PUT', '/api/branches/gb-london-camden/procedures', { token: t.headOffice, body: camden, headers: { 'Content-Encoding': 'gzip' } });
      expect([res.status, res.body.error]).toEqual([415, 'unsupported_encoding']);
    });
  });

  describe('hostile input', () => {
    it.each(['..', '.', '%2e%2e', 'a%2Fb', '%24ne', 'x'.repeat(65), 'ş', 'a%00b'])('answers 400 for the branch id %s', async (id) => {
      const res = await call(t.app, 'GET', `/api/branches/${id}`, { token: t.headOffice });
      expect([res.status, res.body.error]).toEqual([400, 'bad_branch_id']);
    });

    it('never lets a query object reach the store', async () => {
      const token = await t.branchToken('gb-london-camden');
      for (const query of ['id[$ne]=x', 'id[$gt]=', 'branch[$regex]=.*', '__proto__[x]=1']) {
        const res = await call(t.app, 'GET', `/api/branches?${query}`, { token });
        expect(res.body.branches.map((b: { id: string }) => b.id)).toEqual(['gb-london-camden']);
      }
    });

    it('answers unknown routes and methods with JSON', async () => {
      const unknown = await request(t.app).get('/api/nothing-here');
      expect([unknown.status, unknown.body]).toEqual([404, { error: 'not_found', message: 'there is no GET /api/nothing-here' }]);
      const method = await request(t.app).delete('/api/branches/gb-london-camden').set('Authorization', `Bearer ${t.headOffice}`);
      expect([method.status, method.body.error, method.headers.allow]).toEqual([405, 'method_not_allowed', 'GET, HEAD']);
    });

    it('sets helmet\'s headers', async () => {
      const res = await request(t.app).get('/healthz');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });
});

describe('errors the server did not expect', () => {
  it('answer 500 as JSON, without a stack trace or the error\'s text', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } }));
    const t = await testServer({
      app: { logger },
      store: async (dir) => {
        const { WorkspaceStore } = await import('../../src/store');
        const { loadConfig } = await import('../../src/workspace/config');
        const store = await WorkspaceStore.open(loadConfig(dir));
        store.history = async () => {
          throw new Error('disk on fire at /srv/secret/path');
        };
        return store;
      },
    });
    const res = await call(t.app, 'GET', '/api/branches/gb-london-camden/history', { token: t.headOffice });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal', message: 'internal server error' });
    expect(res.text).not.toContain('secret');
    expect(lines.join('')).toContain('disk on fire');
  });
});

describe('failed authentication', () => {
  it('is limited per client IP: past the limit, bad tokens get 429 while a valid one still passes', async () => {
    const t = await testServer({ server: { authFailures: { limit: 3, windowMs: 60_000 }, trustProxy: ['loopback'] } });
    const from = (ip: string, token: string) => ({ token, headers: { 'X-Forwarded-For': ip } });
    const bad = 'sopa_0123456789abcdef_' + 'A'.repeat(43);
    for (let i = 0; i < 3; i++) expect((await call(t.app, 'GET', '/api/report', from('10.0.0.1', bad))).status).toBe(401);
    const blocked = await call(t.app, 'GET', '/api/report', from('10.0.0.1', bad));
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // A colleague behind the same address (NAT, proxy) with a valid token is not locked out.
    expect((await call(t.app, 'GET', '/api/report', from('10.0.0.1', t.headOffice))).status).toBe(200);
    expect((await call(t.app, 'GET', '/api/report', from('10.0.0.2', bad))).status).toBe(401);
    await t.store.close();
  });

  it('does not count successful requests', async () => {
    const t = await testServer({ server: { authFailures: { limit: 2, windowMs: 60_000 } } });
    const results = await Promise.all(Array.from({ length: 30 }, () => call(t.app, 'GET', '/api/branches', { token: t.headOffice })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await t.store.close();
  });
});

describe('the request log', () => {
  it('names the token by id and never holds a token or an Authorization header', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } }));
    const t = await testServer({ app: { logger } });
    const branch = await t.branchToken('gb-london-camden');
    await call(t.app, 'GET', '/api/branches?token=' + t.headOffice.slice(5), { token: t.headOffice });
    await call(t.app, 'GET', '/api/branches/gb-london-camden', { token: branch });
    await call(t.app, 'GET', '/api/branches', { token: branch + 'x' });
    // A token pasted into the address by mistake.
    await call(t.app, 'GET', '/api/branches/' + branch, { token: branch });
    await call(t.app, 'GET', '/' + t.headOffice);
    const log = lines.join('');
    expect(log).toContain('"tokenId"');
    for (const token of [t.headOffice, branch]) expect(log).not.toContain(token.slice(22));
    expect(log.toLowerCase()).not.toContain('bearer');
    expect(log).toContain('"path":"/api/branches"');
    expect(log).toContain(`"path":"/api/branches/${branch.slice(0, 22)}[redacted]"`);
    await t.store.close();
  });
});

const mongoUri = process.env.MONGODB_URI;
if (!mongoUri) console.log('The API over MongoDB is not tested: set MONGODB_URI (e.g. mongodb://127.0.0.1:27017) to test it against a real server.');

(mongoUri ? describe : describe.skip)('the API over the MongoDB store', () => {
  let t: TestServer;
  let store: import('../../src/store').MongoStore;

  beforeAll(async () => {
    const { MongoStore } = await import('../../src/store/mongo/store');
    t = await testServer({
      store: async () => {
        store = await MongoStore.open(mongoUri!, { dbName: `sopaudit_api_${Date.now().toString(36)}` });
        return store;
      },
    });
  });

  afterAll(async () => {
    await store.dropDatabase();
    await store.close();
  });

  it('starts empty, stores uploads as versions, and serves the report and the history', async () => {
    expect((await call(t.app, 'GET', '/api/branches', { token: t.headOffice })).body).toEqual({ branches: [] });
    const camden = read(t.dir, 'branches/gb-london-camden.json');
    const first = await call(t.app, 'PUT', '/api/branches/gb-london-camden/procedures', { token: t.headOffice, body: camden });
    expect([first.status, first.body.version]).toEqual([201, 1]);
    const second = await call(t.app, 'PUT', '/api/branches/gb-london-camden/procedures', { token: await t.branchToken('gb-london-camden'), body: camden });
    expect([second.status, second.body.version]).toEqual([200, 2]);
    const report = await call(t.app, 'GET', '/api/report', { token: t.headOffice });
    expect(report.body.branches).toEqual([expect.objectContaining({ id: 'gb-london-camden', file: 'branches/gb-london-camden', score: 100 })]);
    const version = await call(t.app, 'GET', '/api/branches/gb-london-camden/history/2', { token: t.headOffice });
    expect(version.body).toMatchObject({ version: 2, source: 'upload', document: JSON.parse(camden) });
    const invalid = await call(t.app, 'PUT', '/api/branches/gb-london-camden/procedures', { token: t.headOffice, body: '{"branch": {"id": "gb-london-camden"}}' });
    expect(invalid.status).toBe(422);
    expect((await call(t.app, 'GET', '/api/branches/gb-london-camden/history', { token: t.headOffice })).body.versions).toHaveLength(2);
  });
});

describe('a first start on a chain the history does not know yet', () => {
  it('records every branch file once, at version 1, and a later start records nothing again', async () => {
    const dir = tempDir();
    writeWorkspace(dir, REPO, 300, 3);
    const first = await testServer({ dir });
    const listed = await call(first.app, 'GET', '/api/branches', { token: first.headOffice });
    const branches = listed.body.branches as Array<{ id: string; version: number }>;
    expect(branches).toHaveLength(fs.readdirSync(path.join(dir, 'branches')).length);
    expect(branches.every((b) => b.version === 1)).toBe(true);
    for (const { id } of branches.slice(0, 20)) {
      expect(fs.readdirSync(path.join(dir, '.sopaudit', 'history', id)).sort()).toEqual(['1.json', '1.meta.json']);
    }
    await first.store.close();
    const again = await testServer({ dir });
    const relisted = await call(again.app, 'GET', '/api/branches', { token: again.headOffice });
    expect(relisted.body.branches).toEqual(listed.body.branches);
    await again.store.close();
  });

  it('does not start when recording a branch fails, and reports that failure', async () => {
    const dir = tempDir();
    writeWorkspace(dir, REPO, 150, 4);
    const failing = async (root: string) => {
      const store = await WorkspaceStore.open(loadConfig(root));
      const submit = store.submit.bind(store);
      // The disk refuses one branch's history, somewhere in the middle of the chain.
      store.submit = async (id, submission) => {
        if (id === 'b000077') throw new Error('ENOSPC: no space left on device');
        return submit(id, submission);
      };
      return store;
    };
    await expect(testServer({ dir, store: failing })).rejects.toThrow('ENOSPC');
  });
});
