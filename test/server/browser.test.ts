/**
 * The pages in a real headless Chromium against a real server on
 * 127.0.0.1 (the app started in-process on port 0, over a copy of the
 * bundled workspace): a franchise owner signs in with the branch's token
 * through the form, uploads by pasting JSON and by choosing a file, sees
 * the findings, the score change and what changed since the previous
 * version, sees a broken paste refused with line and column and a
 * schema-invalid one refused with the previous version kept, and hostile
 * text shown as text with no dialog; head office signs in and reads the
 * overview (its ranking script runs under the pages' CSP); both sign out.
 * Screenshots go to test-artifacts/ to be looked at. One browser for the
 * whole file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { fixedDayClock } from '../../src/server/clock';
import { DEFAULT_SERVER_CONFIG } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/listen';
import { WorkspaceStore, newToken } from '../../src/store';
import { loadConfig } from '../../src/workspace/config';
import { REPO, copyBundledWorkspace } from '../helpers/workspace';
import { IMG, SCRIPT } from '../html/helpers';
import { INSPECT, KADIKOY, TODAY, kadikoy, secretOf } from './helpers';

const ARTIFACTS = path.join(REPO, 'test-artifacts');

let browser: Browser;
let server: RunningServer;
let dir: string;
let headOffice: string;
let branchToken: string;


beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  dir = copyBundledWorkspace();
  const workspace = loadConfig(dir);
  const store = await WorkspaceStore.open(workspace);
  const office = newToken('headOffice', undefined, new Date());
  const branch = newToken('branch', KADIKOY, new Date());
  await store.addToken(office.record);
  await store.addToken(branch.record);
  headOffice = office.token;
  branchToken = branch.token;
  server = await startServer(store, { server: { ...DEFAULT_SERVER_CONFIG, port: 0, host: '127.0.0.1' }, workspace, clock: fixedDayClock(TODAY) });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  errors: string[];
  /** Content-Security-Policy violations, as the console reports them. */
  console: string[];
  /** Requests that left the server. */
  outside: string[];
}

async function open(): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  const opened: Opened = { context, page, dialogs: [], errors: [], console: [], outside: [] };
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => opened.errors.push(String(error)));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) opened.console.push(message.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) opened.outside.push(request.url());
  });
  return opened;
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.waitForURL(/\/login\?next=%2F$/);
  await page.fill('#token', token);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"].primary')]);
}

async function paste(page: Page, text: string): Promise<void> {
  await page.fill('#document', text);
  await page.click('form.upload-form button[type="submit"]');
  await page.waitForLoadState('domcontentloaded');
}

const groupCount = (page: Page, key: string) => page.locator(`#changes .change-${key} h3 .count`).textContent();

describe('a franchise owner in a browser', () => {
  let user: Opened;

  beforeAll(async () => {
    user = await open();
  });

  afterAll(async () => {
    await user.context.close();
  });

  it('signs in with the branch token through the form and lands on the branch page', async () => {
    const { page } = user;
    await page.goto(`${server.url}/login`);
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-login.png'), fullPage: true });
    await signIn(page, branchToken);
    expect(new URL(page.url()).pathname).toBe(`/report/branches/${KADIKOY}.html`);
    expect(await page.locator('.server-bar .who').textContent()).toBe(`Signed in for branch ${KADIKOY}`);
    expect(await page.locator('h1').textContent()).toBe(`Branch ${KADIKOY}`);
    const cookies = await user.context.cookies();
    const session = cookies.find((c) => c.name === 'sopaudit_session')!;
    expect([session.httpOnly, session.sameSite]).toEqual([true, 'Strict']);
    expect(session.value).not.toContain(secretOf(branchToken).slice(0, 10));
  });

  it('uploads pasted JSON and sees the findings, the score change and what changed since the previous version', async () => {
    const { page } = user;
    await page.click('.server-nav a:text-is("Upload")');
    await page.waitForURL(`${server.url}/branches/${KADIKOY}/upload`);
    expect(await page.locator('#upload .intro').textContent()).toMatch(/^Current version: 1, score 99, stored /);
    await paste(page, kadikoy((doc) => {
      delete doc.procedures.serviceDesk.languagesSpoken;
      doc.procedures.phoneSupport.holdMaxSeconds = 90;
    }));
    expect(new URL(page.url()).pathname).toBe(`/branches/${KADIKOY}/history/2`);
    expect(await page.locator('#stored').textContent()).toBe('Stored as version 2: it is now the branch’s current version.');
    expect(await page.locator('#score-change').textContent()).toBe('Score 99 → 98 (-1) since version 1');
    expect(await page.locator('#changes h2').textContent()).toBe('What changed since version 1');
    expect([await groupCount(page, 'added'), await groupCount(page, 'fixed'), await groupCount(page, 'open')]).toEqual(['(1)', '(1)', '(1)']);
    expect(await page.locator('#changes .change-added tr[data-line]').textContent()).toContain('The value is 90, above the standard’s maximum of 60.');
    expect(await page.locator('#changes .change-fixed .path').textContent()).toBe('/procedures/serviceDesk/languagesSpoken');
    expect(await page.locator('#changes .change-open .path').textContent()).toBe('/procedures/returns/steps/inspect-item');
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-upload-result.png'), fullPage: true });
  });

  it('uploads a chosen file and sees everything fixed, score 100', async () => {
    const { page } = user;
    await page.click('.server-nav a:text-is("Upload")');
    const fixed = kadikoy((doc) => {
      (doc.procedures.returns.steps as unknown[]).splice(2, 0, INSPECT);
      delete doc.procedures.serviceDesk.languagesSpoken;
    });
    await page.setInputFiles('#file', { name: 'kadikoy.json', mimeType: 'application/json', buffer: Buffer.from(fixed) });
    await page.click('form.upload-form button[type="submit"]');
    await page.waitForURL(`${server.url}/branches/${KADIKOY}/history/3?uploaded`);
    expect(await page.locator('.bigscore .number').textContent()).toBe('100');
    expect(await page.locator('#score-change').textContent()).toBe('Score 98 → 100 (+2) since version 2');
    expect([await groupCount(page, 'added'), await groupCount(page, 'fixed'), await groupCount(page, 'open')]).toEqual(['(0)', '(2)', '(0)']);
    expect(await page.locator('.summary-line').textContent()).toBe('This version follows the standard: there is nothing to fix.');
    expect(fs.readFileSync(path.join(dir, 'branches', `${KADIKOY}.json`), 'utf8')).toBe(fixed);
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-upload-fixed.png'), fullPage: true });
  });

  it('sees a broken paste refused with the line, the column and the lines around it', async () => {
    const { page } = user;
    await page.click('.server-nav a:text-is("Upload")');
    await paste(page, '{\n  "version": "1",\n  "branch" {\n    "id": "tr-istanbul-kadikoy"\n  }\n}\n');
    expect(await page.locator('#problem h2').textContent()).toBe('Not stored: this is not valid JSON');
    expect(await page.locator('#problem .note').textContent()).toContain('Line 3, column 12: unexpected "{".');
    expect(await page.locator('#problem .excerpt tr.here .ln').textContent()).toBe('3');
    expect(await page.locator('#problem .excerpt mark.at').textContent()).toBe('{');
    expect(await page.locator('#problem .excerpt tr').count()).toBe(5);
    expect(await page.inputValue('#document')).toContain('"branch" {'); // to correct in place
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-upload-broken.png'), fullPage: true });
  });

  it('sees a schema-invalid paste refused, with why, and the previous version kept', async () => {
    const { page } = user;
    const file = path.join(dir, 'branches', `${KADIKOY}.json`);
    const before = fs.readFileSync(file, 'utf8');
    await paste(page, kadikoy((doc) => {
      doc.procedures.phoneSupport.answerWithinRings = 'three';
    }));
    expect(await page.locator('#problem h2').textContent()).toBe('Not stored: the document breaks the required format');
    expect(await page.locator('#problem .kept').textContent()).toBe('Version 3 stays the current one (score 100).');
    const row = page.locator('#problem table.findings tr[data-line]');
    expect(await row.count()).toBe(1);
    expect(await row.locator('.path').textContent()).toBe('/procedures/phoneSupport/answerWithinRings');
    expect(await row.locator('.text').textContent()).toBe('The value must be of type integer.');
    expect(await row.locator('.where').textContent()).toMatch(/^line \d+, column \d+$/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-upload-invalid.png'), fullPage: true });
    await page.click('.server-nav a:text-is("Versions")');
    expect(await page.locator('#history-table tbody tr').count()).toBe(3);
    expect(await page.locator('#history-table tbody tr.current th a').textContent()).toBe('Version 3');
  });

  it('sees hostile text shown as text, and no script of it runs', async () => {
    const { page } = user;
    await page.click('.server-nav a:text-is("Upload")');
    await paste(page, kadikoy((doc) => {
      doc.branch.name = IMG;
      const steps = doc.procedures.returns.steps as Array<{ text: string }>;
      steps[0].text = SCRIPT;
      steps[1].text = IMG;
    }));
    expect(new URL(page.url()).pathname).toBe(`/branches/${KADIKOY}/history/4`);
    expect(await page.locator('.masthead .subtitle').textContent()).toBe(IMG);
    await page.click('#document summary');
    expect(await page.locator('pre.document').textContent()).toContain(`"text": "${SCRIPT}"`);
    await page.click('.server-nav a:text-is("My branch")');
    expect(await page.locator('.masthead .subtitle').textContent()).toBe(IMG);
    const steps = await page.locator('table.steps-table td.step[data-side="branch"] .text').allTextContents();
    expect(steps).toEqual(expect.arrayContaining([SCRIPT, IMG]));
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-hostile-branch.png'), fullPage: true });
    // A broken paste full of markup, echoed in the excerpt and the form.
    await page.click('.server-nav a:text-is("Upload")');
    await paste(page, `{"a": </textarea>${SCRIPT}${IMG}}`);
    expect(await page.locator('#problem .excerpt tr.here').textContent()).toContain(SCRIPT);
    expect(await page.inputValue('#document')).toBe(`{"a": </textarea>${SCRIPT}${IMG}}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(user.dialogs).toEqual([]);
    expect(user.errors).toEqual([]);
  });

  it('is told plainly that the overview is head office\'s', async () => {
    const { page } = user;
    const res = await page.goto(`${server.url}/report/index.html`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Not your page');
    expect(await page.locator('.message-text').textContent()).toBe(`Only head office reads the overview of every branch; you are signed in for branch ${KADIKOY}.`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-forbidden.png'), fullPage: true });
    await page.click('.message .actions a');
    expect(new URL(page.url()).pathname).toBe(`/report/branches/${KADIKOY}.html`);
  });

  it('signs out', async () => {
    const { page } = user;
    await page.click('.sign-out button');
    await page.waitForURL(`${server.url}/login?signed-out`);
    expect(await page.locator('.note.good').textContent()).toBe('You are signed out.');
    await page.goto(`${server.url}/branches/${KADIKOY}/upload`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(user.console).toEqual([]);
    expect(user.outside).toEqual([]);
  });
});

describe('head office in a browser', () => {
  it('signs in, reads the overview with its ranking script running under the CSP, and signs out', async () => {
    const office = await open();
    const { page } = office;
    await signIn(page, headOffice);
    expect(new URL(page.url()).pathname).toBe('/report/index.html');
    expect(await page.locator('.server-bar .who').textContent()).toBe('Signed in as head office');
    expect(await page.locator('[data-count="branches"] dd').getAttribute('data-value')).toBe('13');
    expect(await page.locator('#ranking-table tbody tr').count()).toBe(13);
    // The script made the headings sort buttons and showed the filter: it ran.
    expect(await page.locator('#ranking-filter').isVisible()).toBe(true);
    await page.locator('#ranking-table thead th', { hasText: 'Branch' }).locator('button').click();
    const ids = await page.locator('#ranking-table tbody th a').allTextContents();
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    await page.fill('#ranking-query', 'kadikoy');
    expect(await page.locator('#ranking-table tbody th a').allTextContents()).toEqual([KADIKOY]);
    expect(await page.locator('#ranking-table tbody th .branch-name').textContent()).toBe(IMG);
    await page.fill('#ranking-query', '');
    await page.locator('#ranking-table thead th', { hasText: 'Score' }).locator('button').click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-overview.png'), fullPage: true });
    // Every branch's page is a click away; head office also reaches every branch's upload form.
    await page.click(`#ranking-table tbody th a:text-is("in-delhi-connaught")`);
    await page.waitForURL(`${server.url}/report/branches/in-delhi-connaught.html`);
    expect(await page.locator('.server-nav a').allTextContents()).toEqual(['All branches', 'Branch page', 'Upload', 'Versions']);
    await page.click('.masthead .back');
    await page.waitForURL(`${server.url}/report/index.html`);
    // In another language, chosen in the bar and remembered.
    await page.click('.server-bar .languages a[lang="tr"]');
    expect(await page.locator('h1').textContent()).toBe('Şubelerin standarda uyumu');
    await page.click(`#ranking-table tbody th a:text-is("${KADIKOY}")`);
    expect(await page.locator('html').getAttribute('lang')).toBe('tr');
    await page.click('.sign-out button');
    await page.waitForURL(/\/login\?signed-out$/);
    expect(office.dialogs).toEqual([]);
    expect(office.errors).toEqual([]);
    expect(office.console).toEqual([]);
    expect(office.outside).toEqual([]);
    await office.context.close();
  });
});
