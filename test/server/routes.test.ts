/**
 * Walks every operation of the OpenAPI document and every HTML page: each
 * one the app really routes (and no route is neither documented nor a
 * page), each one that needs a token answers 401 without one or with a bad
 * one, and each one about a branch answers 403 to another branch's token.
 * Lists and the report answer a branch token with its own branch only.
 * Pages: signed out, a GET goes to the sign-in form and a post gets 401;
 * another branch's session gets 403, as does a branch session on head
 * office's pages; every form post answers 403 to a missing or wrong CSRF
 * token.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { PAGE_ROUTES } from '../../src/server/pages';
import { call, OPENAPI, testServer, type TestServer } from './helpers';
import { multipart, signIn, type SignedIn } from './pageHelpers';

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
    const pages = PAGE_ROUTES.map((route) => `${route.method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served).toEqual([...operations.map((o) => `${o.method} ${o.template}`), ...pages].sort());
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

describe('every HTML page', () => {
  let t: TestServer;
  let own: SignedIn;
  let other: SignedIn;
  let office: SignedIn;
  let body: string;
  const signedIn = PAGE_ROUTES.filter((route) => route.access !== 'public');
  const page = (routePath: string, id = ownBranch) => routePath
    .replace(':page', `${id}.html`)
    .replace(':id', id)
    .replace(':version', '1')
    .replace(':n', '1');
  const form = (csrf: string | undefined) => multipart([
    ...(csrf === undefined ? [] : [{ name: '_csrf', value: csrf }]),
    { name: 'file', value: '', filename: '' },
    { name: 'document', value: body },
  ]);
  const send = (session: SignedIn | undefined, method: 'get' | 'post', url: string, csrf?: string) => {
    const agent = session?.agent ?? request(t.app);
    if (method === 'get') return agent.get(url).redirects(0);
    const { body: payload, type } = form(csrf);
    return agent.post(url).set('Content-Type', type).send(payload).redirects(0);
  };

  beforeAll(async () => {
    t = await testServer();
    body = fs.readFileSync(path.join(t.dir, 'branches', `${ownBranch}.json`), 'utf8');
    own = await signIn(t.app, await t.branchToken(ownBranch));
    other = await signIn(t.app, await t.branchToken('tr-izmir-alsancak'));
    office = await signIn(t.app, t.headOffice);
  });

  afterAll(async () => {
    await t.store.close();
  });

  it('covers what users need: sign-in, the overview, branch pages, upload, history', () => {
    expect(PAGE_ROUTES.map((r) => r.access)).toEqual(expect.arrayContaining(['public', 'signedIn', 'headOffice', 'branch']));
    expect(signedIn.length).toBeGreaterThanOrEqual(7);
  });

  it.each(signedIn.map((r) => [r.method.toUpperCase(), r.path]))('%s %s without a session: a GET goes to the sign-in form, a post gets 401', async (method, routePath) => {
    const url = page(routePath);
    const res = await send(undefined, method.toLowerCase() as 'get' | 'post', url);
    if (method === 'GET') {
      expect([res.status, res.headers.location]).toEqual([302, `/login?next=${encodeURIComponent(url)}`]);
    } else {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    // A cookie that is not a live session counts as none, and is cleared.
    const stale = await request(t.app)[method.toLowerCase() as 'get'](url).set('Cookie', 'sopaudit_session=' + 'A'.repeat(43)).redirects(0);
    expect(stale.status).toBe(method === 'GET' ? 302 : 401);
    expect(([] as string[]).concat(stale.headers['set-cookie'] ?? [])).toContainEqual(expect.stringMatching(/^sopaudit_session=;/));
  });

  it.each(PAGE_ROUTES.filter((r) => r.access === 'branch').map((r) => [r.method.toUpperCase(), r.path]))(
    '%s %s answers 403 to another branch\'s session, and serves the branch\'s own and head office',
    async (method, routePath) => {
      const m = method.toLowerCase() as 'get' | 'post';
      const forbidden = await send(other, m, page(routePath), other.csrf);
      expect(forbidden.status).toBe(403);
      for (const session of [own, office]) {
        const res = await send(session, m, page(routePath), session.csrf);
        expect([page(routePath), res.status]).toEqual([page(routePath), m === 'get' ? 200 : 303]);
      }
    },
  );

  it.each(PAGE_ROUTES.filter((r) => r.access === 'headOffice').map((r) => [r.method.toUpperCase(), r.path]))(
    '%s %s answers 403 to a branch session, and serves head office',
    async (_method, routePath) => {
      expect((await send(own, 'get', page(routePath))).status).toBe(403);
      const res = await send(office, 'get', page(routePath));
      // The A–Z list pages exist only when the overview cuts its ranking short (past 200 branches).
      expect(res.status).toBe(routePath.includes(':n') ? 404 : 200);
    },
  );

  it.each(PAGE_ROUTES.filter((r) => r.form === 'session').map((r) => [r.method.toUpperCase(), r.path]))(
    '%s %s answers 403 to a missing or a wrong CSRF token',
    async (_method, routePath) => {
      expect((await send(own, 'post', page(routePath))).status).toBe(403);
      expect((await send(own, 'post', page(routePath), 'x'.repeat(43))).status).toBe(403);
      expect((await send(own, 'post', page(routePath), office.csrf)).status).toBe(403);
    },
  );

  it('answers the public pages without a session', async () => {
    for (const route of PAGE_ROUTES.filter((r) => r.access === 'public' && r.method === 'get')) {
      expect([route.path, (await request(t.app).get(route.path)).status]).toEqual([route.path, 200]);
    }
  });
});
