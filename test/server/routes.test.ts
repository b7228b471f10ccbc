/**
 * Walks every operation of the OpenAPI document: each one the app really
 * routes (and no route is undocumented), each one that needs a token
 * answers 401 without one or with a bad one, and each one about a branch
 * answers 403 to another branch's token. Lists and the report answer a
 * branch token with its own branch only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { call, OPENAPI, testServer, type TestServer } from './helpers';

type Operation = { method: 'GET' | 'PUT'; template: string; secured: boolean };

const operations: Operation[] = Object.entries(OPENAPI.paths).flatMap(([template, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase() as 'GET' | 'PUT', template, secured: op.security.length > 0 })),
);

const secured = operations.filter((o) => o.secured);
const ownBranch = 'gb-london-camden';
const url = (template: string, id = ownBranch) => template.replace('{id}', id).replace('{version}', '1');

describe('every route of the OpenAPI document', () => {
  let t: TestServer;
  let body: string;

  beforeAll(async () => {
    t = await testServer();
    body = fs.readFileSync(path.join(t.dir, 'branches', `${ownBranch}.json`), 'utf8');
  });

  afterAll(async () => {
    await t.store.close();
  });

  it('is the set of routes the app serves', () => {
    const router = (t.app as unknown as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router;
    const served = router.stack
      .filter((layer) => layer.route && !layer.route.methods.acl)
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`))
      .sort();
    expect(served).toEqual(operations.map((o) => `${o.method} ${o.template}`).sort());
    expect(secured.length).toBeGreaterThanOrEqual(6);
  });

  it.each(secured.map((o) => [o.method, o.template]))('%s %s answers 401 without a token and with a wrong one', async (method, template) => {
    const options = method === 'PUT' ? { body } : {};
    const none = await call(t.app, method as 'GET', url(template), options);
    expect([none.status, none.body.error]).toEqual([401, 'unauthorized']);
    const forged = await call(t.app, method as 'GET', url(template), { ...options, token: 'sopa_0123456789abcdef_' + 'x'.repeat(43) });
    expect(forged.status).toBe(401);
    const unknown = await call(t.app, method as 'GET', url(template), { ...options, token: 'not-a-sopaudit-token' });
    expect(unknown.status).toBe(401);
  });

  it.each(secured.filter((o) => o.template.includes('{id}')).map((o) => [o.method, o.template]))(
    '%s %s answers 403 to another branch\'s token, and serves the branch\'s own',
    async (method, template) => {
      const options = method === 'PUT' ? { body } : {};
      const other = await call(t.app, method as 'GET', url(template), { ...options, token: await t.branchToken('tr-izmir-alsancak') });
      expect([other.status, other.body.error]).toEqual([403, 'forbidden']);
      const own = await call(t.app, method as 'GET', url(template), { ...options, token: await t.branchToken(ownBranch) });
      expect(own.status).toBe(200);
    },
  );

  it.each(secured.filter((o) => !o.template.includes('{id}')).map((o) => [o.method, o.template]))(
    '%s %s answers a branch token with its own branch only',
    async (method, template) => {
      const res = await call(t.app, method as 'GET', url(template), { token: await t.branchToken('tr-izmir-alsancak') });
      expect(res.status).toBe(200);
      expect(res.body.branches.map((b: { id: string }) => b.id)).toEqual(['tr-izmir-alsancak']);
    },
  );
});
