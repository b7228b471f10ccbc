/**
 * The HTML pages through supertest on the app, over a copy of the bundled
 * workspace: signing in with a token through the form (cookie, CSRF, the
 * failed-sign-in limit shared with the API), what each session may open,
 * uploading from the form (stored: what changed since the previous
 * version; refused: 400 with line, column and the lines around, 413, 422
 * with the reasons and the previous version untouched on disk), the
 * history, the language, hostile text, and the headers pages carry.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { templates } from '../../src/report/html/templates';
import { INSPECT, KADIKOY, branchDocument, kadikoy, secretOf, testServer, type Doc, type TestServer } from './helpers';
import { csrfOf, multipart, postUpload, signIn, textOf, type SignedIn } from './pageHelpers';

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('the pages over the workspace store', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await testServer();
  });

  afterAll(async () => {
    await t.store.close();
  });

  describe('signing in', () => {
    it('sends a visitor who is not signed in to the sign-in form, and back after it', async () => {
      const res = await request(t.app).get('/report/branches/gb-london-camden.html');
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/login?next=%2Freport%2Fbranches%2Fgb-london-camden.html');
      const agent = request.agent(t.app);
      const form = await agent.get(res.headers.location);
      expect(form.status).toBe(200);
      expect(form.text).toContain('name="next" value="/report/branches/gb-london-camden.html"');
      expect(form.text).toContain('type="password"');
      const signedIn = await agent.post('/login').type('form').send({ _csrf: csrfOf(form.text), token: t.headOffice, next: '/report/branches/gb-london-camden.html' });
      expect([signedIn.status, signedIn.headers.location]).toEqual([303, '/report/branches/gb-london-camden.html']);
      expect((await agent.get('/report/branches/gb-london-camden.html')).status).toBe(200);
    });

    it('sets an HttpOnly, SameSite=Strict cookie holding a random session id, never the token', async () => {
      const agent = request.agent(t.app);
      const form = await agent.get('/login');
      const login = ([] as string[]).concat(form.headers['set-cookie']);
      expect(login).toEqual([expect.stringMatching(/^sopaudit_login=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/login; .*HttpOnly; SameSite=Strict$/)]);
      const res = await agent.post('/login').type('form').send({ _csrf: csrfOf(form.text), token: t.headOffice });
      const session = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('sopaudit_session='))!;
      expect(session).toMatch(/^sopaudit_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
      expect(session).not.toContain('Secure'); // plain HTTP here; over HTTPS the cookie is Secure (below)
      const id = session.split(';')[0].split('=')[1];
      const secret = secretOf(t.headOffice);
      expect(id).not.toContain(secret.slice(0, 8));
      expect(id).not.toBe(createHash('sha256').update(t.headOffice).digest('base64url'));
    });

    it('marks the cookie Secure when the request came over HTTPS (through a trusted proxy)', async () => {
      const proxied = await testServer({ server: { trustProxy: ['loopback'] } });
      const form = await request(proxied.app).get('/login').set('X-Forwarded-Proto', 'https');
      const login = ([] as string[]).concat(form.headers['set-cookie'])[0];
      expect(login).toContain('; Secure');
      expect(form.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      // Secure cookies travel over HTTPS only, which the proxy speaks here: send it by hand.
      const res = await request(proxied.app).post('/login').set('X-Forwarded-Proto', 'https').set('Cookie', login.split(';')[0])
        .type('form').send({ _csrf: csrfOf(form.text), token: proxied.headOffice });
      expect(res.status).toBe(303);
      expect(([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('sopaudit_session='))).toContain('; Secure');
      await proxied.store.close();
    });

    it('answers 401 with the form again for a wrong token, and 403 for a missing or wrong CSRF token', async () => {
      const agent = request.agent(t.app);
      const form = await agent.get('/login');
      const csrf = csrfOf(form.text);
      const wrong = await agent.post('/login').type('form').send({ _csrf: csrf, token: t.headOffice.slice(0, -2) + 'xx' });
      expect(wrong.status).toBe(401);
      expect(textOf(wrong.text)).toContain('That token is not valid.');
      expect(wrong.text).not.toContain(t.headOffice.slice(0, -2)); // the token is never echoed
      const missing = await agent.post('/login').type('form').send({ token: t.headOffice });
      expect(missing.status).toBe(403);
      expect(textOf(missing.text)).toContain('The form has expired or did not come from this site');
      const forged = await agent.post('/login').type('form').send({ _csrf: csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A'), token: t.headOffice });
      expect(forged.status).toBe(403);
      // The form's value without the cookie it was made for (a page on another site posting it) is refused too.
      const stranger = await request(t.app).post('/login').type('form').send({ _csrf: csrf, token: t.headOffice });
      expect(stranger.status).toBe(403);
      expect(stranger.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^sopaudit_session=[^;]/)]));
    });

    it('answers the browser\'s icon request with an empty 204, signed in or not', async () => {
      const icon = await request(t.app).get('/favicon.ico');
      expect(icon.status).toBe(204);
      expect(icon.headers['cache-control']).toBe('public, max-age=86400');
    });

    it('counts failed sign-ins in the API\'s failed-authentication limit: past it, 429 for bad tokens on both', async () => {
      const limited = await testServer({ server: { authFailures: { limit: 3, windowMs: 60_000 } } });
      const agent = request.agent(limited.app);
      const csrf = csrfOf((await agent.get('/login')).text);
      const bad = 'sopa_0123456789abcdef_' + 'A'.repeat(43);
      for (let i = 0; i < 3; i++) expect((await agent.post('/login').type('form').send({ _csrf: csrf, token: bad })).status).toBe(401);
      const blocked = await agent.post('/login').type('form').send({ _csrf: csrf, token: bad });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(textOf(blocked.text)).toMatch(/Too many failed sign-ins from this address\. Try again in \d+ minutes?\./);
      const api = await request(limited.app).get('/api/branches').set('Authorization', `Bearer ${bad}`);
      expect(api.status).toBe(429);
      // A valid token still signs in from that address.
      expect((await agent.post('/login').type('form').send({ _csrf: csrf, token: limited.headOffice })).status).toBe(303);
      await limited.store.close();
    });

    it('signs out: the session ends, the cookie is cleared, and the old cookie no longer works', async () => {
      const session = await signIn(t.app, t.headOffice);
      const badCsrf = await session.agent.post('/logout').type('form').send({ _csrf: 'nope' });
      expect(badCsrf.status).toBe(403);
      expect((await request(t.app).get('/report/index.html').set('Cookie', session.cookie)).status).toBe(200);
      const out = await session.agent.post('/logout').type('form').send({ _csrf: session.csrf });
      expect([out.status, out.headers.location]).toEqual([303, '/login?signed-out']);
      expect(([] as string[]).concat(out.headers['set-cookie'])).toContainEqual(expect.stringMatching(/^sopaudit_session=; Path=\/; Expires=Thu, 01 Jan 1970/));
      expect(textOf((await session.agent.get('/login?signed-out')).text)).toContain('You are signed out.');
      const replayed = await request(t.app).get('/report/index.html').set('Cookie', session.cookie);
      expect([replayed.status, replayed.headers.location]).toEqual([302, '/login?next=%2Freport%2Findex.html']);
    });

    it('ends a session whose token is revoked', async () => {
      const token = await t.branchToken('ie-dublin-grafton');
      const session = await signIn(t.app, token);
      expect((await session.agent.get('/report/branches/ie-dublin-grafton.html')).status).toBe(200);
      const id = token.split('_')[1];
      expect(await t.store.revokeToken(id)).toBe(true);
      const after = await session.agent.get('/report/branches/ie-dublin-grafton.html');
      expect(after.status).toBe(302);
    });

    it('never lets the session cookie stand in for a token on the API', async () => {
      const session = await signIn(t.app, t.headOffice);
      const res = await request(t.app).get('/api/branches').set('Cookie', session.cookie);
      expect([res.status, res.body.error]).toEqual([401, 'unauthorized']);
      const put = await request(t.app).put('/api/branches/gb-london-camden/procedures').set('Cookie', session.cookie).set('Content-Type', 'application/json').send(read(t.dir, 'branches/gb-london-camden.json'));
      expect(put.status).toBe(401);
    });

    it('only redirects to pages of this server after signing in', async () => {
      for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/login', 'javascript:alert(1)']) {
        const agent = request.agent(t.app);
        const form = await agent.get('/login');
        const res = await agent.post('/login').type('form').send({ _csrf: csrfOf(form.text), token: t.headOffice, next });
        expect([next, res.headers.location]).toEqual([next, '/']);
      }
    });

    it('keeps tokens and session ids out of the log', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } }));
      const logged = await testServer({ app: { logger } });
      const session = await signIn(logged.app, logged.headOffice);
      await session.agent.get('/report/index.html');
      const log = lines.join('');
      expect(log).toContain('"path":"/login"');
      expect(log).toContain('"tokenId"');
      expect(log).not.toContain(secretOf(logged.headOffice));
      expect(log).not.toContain(session.cookie.split('=')[1]);
      await logged.store.close();
    });
  });

  describe('what each session may open', () => {
    it('gives head office the overview with every branch, as the report shows it', async () => {
      const { agent } = await signIn(t.app, t.headOffice);
      const home = await agent.get('/');
      expect([home.status, home.headers.location]).toEqual([302, '/report/index.html']);
      const res = await agent.get('/report/index.html');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const ranking = res.text.slice(res.text.indexOf('<table id="ranking-table"'), res.text.indexOf('</table>', res.text.indexOf('<table id="ranking-table"')));
      expect(ranking.match(/<th scope="row"><a class="branch-id"/g)).toHaveLength(13);
      expect(res.text).toContain('<link rel="stylesheet" href="report.css">');
      expect(textOf(res.text)).toContain('Signed in as head office');
      const css = await agent.get('/report/report.css');
      expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
      expect(css.text).toBe(templates().css);
      expect((await agent.get('/report/report.css').set('If-None-Match', css.headers.etag)).status).toBe(304);
      expect((await agent.get('/report/branches/in-delhi-connaught.html')).status).toBe(200);
      expect((await agent.get('/report/branches/nowhere.html')).status).toBe(404);
    });

    it('gives a branch session its own branch only: 403 for the overview and for other branches', async () => {
      const { agent } = await signIn(t.app, await t.branchToken('tr-izmir-alsancak'));
      const home = await agent.get('/');
      expect(home.headers.location).toBe('/report/branches/tr-izmir-alsancak.html');
      const own = await agent.get(home.headers.location);
      expect(own.status).toBe(200);
      expect(textOf(own.text)).toContain('Branch tr-izmir-alsancak');
      expect(own.text).not.toContain('href="../index.html"'); // no way to the overview it may not open
      for (const url of ['/report/index.html', '/report/branches/gb-london-camden.html', '/report/branches/nowhere.html', '/branches/gb-london-camden/upload', '/branches/gb-london-camden/history', '/branches/gb-london-camden/history/1']) {
        const res = await agent.get(url);
        expect([url, res.status]).toEqual([url, 403]);
        expect(res.text).toContain('href="/report/branches/tr-izmir-alsancak.html"');
      }
      const upload = await postUpload(agent, 'gb-london-camden', csrfOf(own.text), { paste: read(t.dir, 'branches/gb-london-camden.json') });
      expect(upload.status).toBe(403);
    });

    it('answers 400 for a branch id that is not one, 404 for pages that do not exist (as pages for a browser)', async () => {
      const { agent } = await signIn(t.app, t.headOffice);
      const bad = await agent.get('/branches/a%2Fb/upload');
      expect(bad.status).toBe(400);
      expect(textOf(bad.text)).toContain('A branch id is 1 to 64 letters');
      expect((await agent.get('/branches/gb-london-camden/history/0')).status).toBe(400);
      expect((await agent.get('/branches/gb-london-camden/history/9')).status).toBe(404);
      expect((await agent.get('/branches/nowhere/history')).status).toBe(404);
      const page = await agent.get('/nothing-here').set('Accept', 'text/html');
      expect([page.status, page.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
      expect(textOf(page.text)).toContain('Page not found');
      // A path that does not decode fails before any page route runs: still a page for a browser, JSON for the API.
      const undecodable = await agent.get('/branches/%/upload').set('Accept', 'text/html');
      expect([undecodable.status, undecodable.headers['content-type']]).toEqual([400, 'text/html; charset=utf-8']);
      const undecodableApi = await agent.get('/api/branches/%').set('Authorization', `Bearer ${t.headOffice}`);
      expect([undecodableApi.status, undecodableApi.body.error]).toEqual([400, 'bad_request']);
      const api = await agent.get('/api/nothing-here').set('Accept', 'text/html');
      expect([api.status, api.body.error]).toEqual([404, 'not_found']);
      const method = await agent.delete('/login');
      expect([method.status, method.headers.allow]).toEqual([405, 'GET, POST, HEAD']);
    });
  });

  describe('uploading from the form', () => {
    let kadikoySession: SignedIn;

    beforeAll(async () => {
      kadikoySession = await signIn(t.app, await t.branchToken(KADIKOY));
    });

    it('stores pasted JSON and shows the findings, the score before → after, and what changed', async () => {
      const { agent, csrf } = kadikoySession;
      // Fixes its extra property, keeps its missing step, breaks the hold time.
      const body = kadikoy((doc) => {
        delete doc.procedures.serviceDesk.languagesSpoken;
        doc.procedures.phoneSupport.holdMaxSeconds = 90;
      });
      const res = await postUpload(agent, KADIKOY, csrf, { paste: body });
      expect([res.status, res.headers.location]).toEqual([303, `/branches/${KADIKOY}/history/2?uploaded`]);
      expect(read(t.dir, `branches/${KADIKOY}.json`)).toBe(body.replace(/\n/g, '\n')); // the bytes as pasted
      const page = await agent.get(res.headers.location);
      expect(page.status).toBe(200);
      const text = textOf(page.text);
      expect(text).toContain('Stored as version 2: it is now the branch’s current version.');
      expect(page.text).toContain('id="score-change" data-before="99" data-after="98">Score 99 → 98 (-1) since version 1<');
      expect(text).toContain('What changed since version 1');
      const group = () => /<div class="change-group change-(\w+)" id="\w+">\s*<h3>[^<]*<span class="count">\((\d+)\)<\/span><\/h3>([\s\S]*?)<\/div>\s*(?=<div class="change-group|\{\{|<p|<ul)/g;
      const groups = [...page.text.matchAll(group())].map((m) => ({ key: m[1], count: Number(m[2]), text: textOf(m[3]) }));
      expect(groups.map((g) => [g.key, g.count])).toEqual([['added', 1], ['fixed', 1], ['open', 1]]);
      expect(groups[0].text).toContain('/procedures/phoneSupport/holdMaxSeconds');
      expect(groups[1].text).toContain('/procedures/serviceDesk/languagesSpoken');
      expect(groups[2].text).toContain('/procedures/returns/steps/inspect-item');
    });

    it('stores a chosen file over pasted text, with the file\'s bytes', async () => {
      const { agent, csrf } = kadikoySession;
      const fixed = kadikoy((doc) => {
        (doc.procedures.returns.steps as unknown[]).splice(2, 0, INSPECT);
        delete doc.procedures.serviceDesk.languagesSpoken;
      });
      expect(fixed).not.toBe(read(t.dir, `branches/${KADIKOY}.json`));
      const res = await postUpload(agent, KADIKOY, csrf, { paste: 'ignored: not JSON', file: { name: 'kadikoy.json', bytes: Buffer.from(fixed) } });
      expect([res.status, res.headers.location]).toEqual([303, `/branches/${KADIKOY}/history/3?uploaded`]);
      expect(read(t.dir, `branches/${KADIKOY}.json`)).toBe(fixed);
      const page = await agent.get(res.headers.location);
      expect(page.text).toMatch(/data-score="100"/);
      expect(page.text).toContain('data-before="98" data-after="100"');
      expect(textOf(page.text)).toContain('This version follows the standard: there is nothing to fix.');
    });

    it('says an upload of the current version\'s very bytes stored nothing new', async () => {
      const { agent, csrf } = kadikoySession;
      const current = read(t.dir, `branches/${KADIKOY}.json`);
      const res = await postUpload(agent, KADIKOY, csrf, { file: { name: 'same.json', bytes: Buffer.from(current) } });
      expect([res.status, res.headers.location]).toEqual([303, `/branches/${KADIKOY}/history/3?uploaded=same`]);
      const text = textOf((await agent.get(res.headers.location)).text);
      expect(text).toContain('This is the same document as version 3: nothing new was stored.');
      expect(text).not.toContain('Stored as version');
    });

    it('refuses broken JSON with 400, the line, the column and the lines around it, storing nothing', async () => {
      const { agent, csrf } = kadikoySession;
      const before = read(t.dir, `branches/${KADIKOY}.json`);
      const broken = '{\n  "version": "1",\n  "branch" {\n    "id": "tr-istanbul-kadikoy"\n  }\n}\n';
      const res = await postUpload(agent, KADIKOY, csrf, { paste: broken });
      expect(res.status).toBe(400);
      const text = textOf(res.text);
      expect(text).toContain('Not stored: this is not valid JSON');
      expect(text).toContain('Line 3, column 12: unexpected "{".');
      expect(text).toContain('The text around line 3; the problem is marked at column 12.');
      expect(res.text).toContain('<tr class="here"><td class="ln">3</td><td>  &quot;branch&quot; <mark class="at">{</mark></td></tr>');
      expect(res.text).toContain('<td class="ln">1</td>');
      expect(res.text).toContain('<td class="ln">5</td>');
      // The text comes back in the form, to be corrected.
      expect(res.text).toContain('name="document" rows="16" spellcheck="false" autocomplete="off" autocapitalize="off" aria-describedby="upload-hint">\n{\n  &quot;version&quot;');
      expect(read(t.dir, `branches/${KADIKOY}.json`)).toBe(before);
      expect((await t.store.history(KADIKOY)).length).toBe(3);
    });

    it('refuses a document nested past the depth limit with a clear reason', async () => {
      const { agent, csrf } = kadikoySession;
      const res = await postUpload(agent, KADIKOY, csrf, { paste: '['.repeat(300) + ']'.repeat(300) });
      expect(res.status).toBe(400);
      expect(textOf(res.text)).toContain('The document nests deeper than 256 levels, more than sopaudit reads.');
    });

    it('refuses an empty form with 400, saying what to do', async () => {
      const { agent, csrf } = kadikoySession;
      const res = await postUpload(agent, KADIKOY, csrf, {});
      expect(res.status).toBe(400);
      expect(textOf(res.text)).toContain('Choose a file or paste a document first.');
    });

    it('refuses a schema-invalid document with 422 and the reasons; the previous version stays, on disk too', async () => {
      const { agent, csrf } = kadikoySession;
      const file = path.join(t.dir, 'branches', `${KADIKOY}.json`);
      const before = fs.readFileSync(file);
      const history = fs.readdirSync(path.join(t.dir, '.sopaudit', 'history', KADIKOY)).sort();
      const invalid = kadikoy((doc) => {
        doc.procedures.phoneSupport.answerWithinRings = 'three';
      });
      const res = await postUpload(agent, KADIKOY, csrf, { paste: invalid });
      expect(res.status).toBe(422);
      const text = textOf(res.text);
      expect(text).toContain('Not stored: the document breaks the required format');
      expect(text).toContain('It breaks the schema in 1 place, listed below, so it was not stored.');
      expect(text).toContain('Version 3 stays the current one (score 100).');
      expect(text).toContain('/procedures/phoneSupport/answerWithinRings');
      expect(text).toMatch(/line \d+, column \d+/);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      expect(fs.readdirSync(path.join(t.dir, '.sopaudit', 'history', KADIKOY)).sort()).toEqual(history);
      expect(t.store.fileOf(KADIKOY)).toBe(`branches/${KADIKOY}.json`);
    });

    it('refuses a document for another branch with 422, saying why', async () => {
      const { agent, csrf } = kadikoySession;
      const res = await postUpload(agent, KADIKOY, csrf, { paste: read(t.dir, 'branches/gb-london-camden.json') });
      expect(res.status).toBe(422);
      expect(textOf(res.text)).toContain('The document names the branch "gb-london-camden" at /branch/id, but you are uploading for branch tr-istanbul-kadikoy.');
    });

    it('answers 413 past the size limit, for the document and for the whole form', async () => {
      const { agent, csrf } = kadikoySession;
      const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
      const doc = await postUpload(agent, KADIKOY, csrf, { paste: big });
      expect(doc.status).toBe(413);
      expect(textOf(doc.text)).toContain('The document is larger than the limit of 1 MB, so it was not stored.');
      const huge = await postUpload(agent, KADIKOY, csrf, { paste: 'x'.repeat(1024 * 1024 + 70 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(textOf(huge.text)).toContain('The form is larger than the limit of 1 MB; nothing was stored.');
      expect((await t.store.history(KADIKOY)).length).toBe(3);
    });

    it('answers 403 to a missing or wrong CSRF token, and 401 without a session, storing nothing', async () => {
      const { agent } = kadikoySession;
      const body = read(t.dir, `branches/${KADIKOY}.json`);
      const wrong = await postUpload(agent, KADIKOY, 'x'.repeat(43), { paste: body });
      expect(wrong.status).toBe(403);
      expect(textOf(wrong.text)).toContain('The form has expired');
      const { body: form, type } = multipart([{ name: 'document', value: body }]);
      const missing = await agent.post(`/branches/${KADIKOY}/upload`).set('Content-Type', type).send(form);
      expect(missing.status).toBe(403);
      // Another session's token does not do either.
      const other = await signIn(t.app, t.headOffice);
      expect((await postUpload(agent, KADIKOY, other.csrf, { paste: body })).status).toBe(403);
      const anonymous = await postUpload(request.agent(t.app), KADIKOY, kadikoySession.csrf, { paste: body });
      expect(anonymous.status).toBe(401);
      expect(textOf(anonymous.text)).toContain('You are not signed in, or your session has ended.');
      expect((await t.store.history(KADIKOY)).length).toBe(3);
    });

    it('answers 400 to a malformed form and 415 to a body that is not a form, storing nothing', async () => {
      const { agent, csrf } = kadikoySession;
      const body = read(t.dir, `branches/${KADIKOY}.json`);
      const twice = multipart([{ name: '_csrf', value: csrf }, { name: 'document', value: body }, { name: 'document', value: '{}' }]);
      const duplicate = await agent.post(`/branches/${KADIKOY}/upload`).set('Content-Type', twice.type).send(twice.body);
      expect(duplicate.status).toBe(400);
      const cut = multipart([{ name: '_csrf', value: csrf }, { name: 'document', value: body }]);
      const truncated = await agent.post(`/branches/${KADIKOY}/upload`).set('Content-Type', cut.type).send(cut.body.subarray(0, cut.body.length - 40));
      expect(truncated.status).toBe(400);
      const json = await agent.post(`/branches/${KADIKOY}/upload`).set('Content-Type', 'application/json').send(body);
      expect(json.status).toBe(415);
      expect(json.headers['content-type']).toBe('text/html; charset=utf-8');
      expect((await t.store.history(KADIKOY)).length).toBe(3);
    });

    it('lists every version, newest first, linking to each', async () => {
      const { agent } = kadikoySession;
      const res = await agent.get(`/branches/${KADIKOY}/history`);
      expect(res.status).toBe(200);
      const rows = [...res.text.matchAll(/<tr( class="current")? data-version="(\d+)">[\s\S]*?<a href="([^"]+)">[\s\S]*?<td class="num">(\d+)<\/td>/g)].map((m) => [Number(m[2]), m[3], Number(m[4]), Boolean(m[1])]);
      expect(rows).toEqual([
        [3, `/branches/${KADIKOY}/history/3`, 100, true],
        [2, `/branches/${KADIKOY}/history/2`, expect.any(Number), false],
        [1, `/branches/${KADIKOY}/history/1`, expect.any(Number), false],
      ]);
      const first = await agent.get(`/branches/${KADIKOY}/history/1`);
      expect(textOf(first.text)).toContain('The branch’s first version');
      expect(textOf(first.text)).toContain('This is an earlier version; the current one is version 3.');
    });
  });

  describe('hostile input', () => {
    it('shows markup in names and step texts as text, in every page that shows them', async () => {
      const { agent, csrf } = await signIn(t.app, t.headOffice);
      const script = '<script>alert(1)</script>';
      const img = '"><img src=x onerror=alert(1)>';
      const body = branchDocument(read(t.dir, 'branches/gb-london-camden.json'), 'gb-london-soho', (doc) => {
        (doc as unknown as Doc).branch.name = img;
        const steps = (doc as unknown as Doc).procedures.returns.steps as Array<{ text: string }>;
        steps[0].text = script;
        steps.push({ id: `x${img}`.slice(0, 1), role: 'desk-clerk', text: img } as never);
      });
      const stored = await postUpload(agent, 'gb-london-soho', csrf, { paste: body });
      expect(stored.status).toBe(303);
      for (const url of [stored.headers.location, '/report/branches/gb-london-soho.html', '/report/index.html', '/branches/gb-london-soho/upload', '/branches/gb-london-soho/history']) {
        const page = await agent.get(url);
        expect([url, page.status]).toEqual([url, 200]);
        expect(page.text).not.toContain(script);
        expect(page.text).not.toContain('<img');
        // Only the overview has scripts: its ranking data and its own ranking script.
        expect(page.text.match(/<script[^>]*>/g) ?? []).toEqual(url === '/report/index.html' ? ['<script type="application/json" id="ranking-data">', '<script>'] : []);
      }
      const version = await agent.get(stored.headers.location);
      expect(version.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      const branch = await agent.get('/report/branches/gb-london-soho.html');
      expect(branch.text).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
      // A broken paste full of markup comes back as text, in the excerpt and the form.
      const broken = await postUpload(agent, 'gb-london-soho', csrf, { paste: `{"a": </textarea>${script}}` });
      expect(broken.status).toBe(400);
      expect(broken.text).not.toContain(script);
      expect(broken.text).not.toContain('</textarea><script');
    });
  });

  describe('headers and language', () => {
    it('sends a strict CSP that allows the report\'s one inline script by its hash, and no caching', async () => {
      const { agent } = await signIn(t.app, t.headOffice);
      const res = await agent.get('/report/index.html');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const inline = [...res.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      expect(inline).toHaveLength(1);
      expect(csp).toContain(`'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('speaks the workspace\'s language by default, and another one chosen with ?lang=, remembered', async () => {
      const { agent } = await signIn(t.app, await t.branchToken('in-delhi-connaught'));
      const english = await agent.get('/branches/in-delhi-connaught/upload');
      expect(english.text).toContain('<html lang="en"');
      const turkish = await agent.get('/branches/in-delhi-connaught/upload?lang=tr');
      expect(turkish.text).toContain('<html lang="tr"');
      expect(textOf(turkish.text)).toContain('in-delhi-connaught şubesinin prosedürlerini yükleyin');
      expect(([] as string[]).concat(turkish.headers['set-cookie'])).toContainEqual(expect.stringMatching(/^sopaudit_lang=tr; Max-Age=31536000; Path=\/;.*SameSite=Strict/));
      const after = await agent.get('/report/branches/in-delhi-connaught.html');
      expect(after.text).toContain('<html lang="tr"');
      expect(textOf(after.text)).toContain('in-delhi-connaught şubesi');
      const hindi = await agent.get('/branches/in-delhi-connaught/history?lang=hi');
      expect(textOf(hindi.text)).toContain('शाखा in-delhi-connaught के संस्करण');
      expect((await agent.get('/branches/in-delhi-connaught/upload?lang=xx')).text).toContain('<html lang="hi"');
    });
  });
});
