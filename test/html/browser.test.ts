/**
 * The HTML report in a real headless Chromium, opened from disk (file://)
 * as a head office manager would: counts against report.json, a heatmap
 * cell leading to the right section of the branch page, the ranking sorted
 * and filtered, the page without script, and a hostile branch whose markup
 * must stay text. Screenshots go to test-artifacts/ to be looked at.
 *
 * The reports are written by the real CLI into temp folders. One browser
 * for the whole file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import type { Report } from '../../src/engine';
import { REPO, copyBundledWorkspace, runCli, tempDir } from '../helpers/workspace';
import { HOSTILE_ID, IMG, MUSTACHE, SCRIPT, TODAY, chainWorkspace } from './helpers';

const ARTIFACTS = path.join(REPO, 'test-artifacts');

let browser: Browser;
let bundledOut: string;
let chainOut: string;
let bundledReport: Report;

function writeReport(workspace: string): string {
  const out = tempDir('sopaudit-html-');
  const result = runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`Open the report: ${pathToFileURL(path.join(out, 'index.html')).href}`);
  return out;
}

const url = (folder: string, page = 'index.html') => pathToFileURL(path.join(folder, page)).href;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  bundledOut = writeReport(copyBundledWorkspace());
  chainOut = writeReport(chainWorkspace());
  bundledReport = JSON.parse(fs.readFileSync(path.join(bundledOut, 'report.json'), 'utf8')) as Report;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** A fresh page that fails the test on any script error, dialog or request leaving the reports folder. */
async function openPage(options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<{ page: Page; dialogs: string[]; errors: string[]; requests: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1360, height: 900 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  return { page, dialogs, errors, requests };
}

describe('the overview in a browser', () => {
  it('shows the counts of report.json, and loads nothing from outside the folder', async () => {
    const { page, errors, requests } = await openPage();
    await page.goto(url(bundledOut));
    const value = (name: string) => page.locator(`[data-count="${name}"] dd`).getAttribute('data-value').then(Number);
    const s = bundledReport.summary;
    expect(await value('branches')).toBe(s.branches);
    expect(await value('conforming')).toBe(s.conforming);
    expect(await value('error')).toBe(s.findings.error);
    expect(await value('warning')).toBe(s.findings.warning);
    expect(await value('info')).toBe(s.findings.info);
    expect(await value('waived')).toBe(s.waived);
    expect(await page.locator('#ranking-table tbody tr').count()).toBe(s.branches);
    // Each heatmap row adds up to the branch's open findings.
    for (const branch of bundledReport.branches) {
      const row = page.locator('#heatmap-table tbody tr', { has: page.locator(`th a:text-is("${branch.id}")`) });
      const counts = await row.locator('td a').allTextContents();
      expect(counts.reduce((sum, text) => sum + Number(text.trim()), 0)).toBe(branch.findings.filter((f) => !f.waived).length);
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
    expect(requests.every((r) => r.startsWith(pathToFileURL(bundledOut).href))).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview.png'), fullPage: true });
    await page.context().close();
  });

  it('follows a heatmap cell to that area of the branch page', async () => {
    const { page, errors } = await openPage();
    await page.goto(url(bundledOut));
    const row = page.locator('#heatmap-table tbody tr', { has: page.locator('th a:text-is("tr-istanbul-kadikoy")') });
    const column = (await page.locator('#heatmap-table thead th').allTextContents()).map((t) => t.trim()).indexOf('Returns');
    expect(column).toBeGreaterThan(0);
    await row.locator('td').nth(column - 1).locator('a').click();
    await page.waitForURL(/branches\/tr-istanbul-kadikoy\.html#area-returns$/);
    const section = page.locator('section:target');
    expect(await section.getAttribute('id')).toBe('area-returns');
    expect((await section.locator('h2').textContent())?.trim()).toMatch(/^Returns/);
    await expect(section.locator('tr[data-line]').count()).resolves.toBe(1);
    expect(await section.locator('tr[data-line]').first().textContent()).toContain('inspect-item');
    expect(await section.locator('tr[data-line]').first().textContent()).toContain('line 20, column 7');
    const box = await section.boundingBox();
    expect(box && box.y).toBeLessThan(100); // scrolled to the section
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'branch-tr-istanbul-kadikoy.png'), fullPage: true });
    await page.goto(url(bundledOut, 'branches/tr-ankara-kizilay.html'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'branch-tr-ankara-kizilay.png'), fullPage: true });
    await page.goto(url(bundledOut, 'branches/in-delhi-connaught.html'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'branch-in-delhi-connaught.png'), fullPage: true });
    await page.context().close();
  });

  it('sorts the ranking by a column and filters it by id or name', async () => {
    const { page, errors } = await openPage();
    await page.goto(url(bundledOut));
    const ids = () => page.locator('#ranking-table tbody th a').allTextContents();
    const all = bundledReport.branches.map((b) => b.id);
    const header = (name: string) => page.locator('#ranking-table thead th', { hasText: name }).locator('button');

    await header('Branch').click();
    expect(await ids()).toEqual([...all].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(await page.locator('#ranking-table thead th', { hasText: 'Branch' }).getAttribute('aria-sort')).toBe('ascending');
    await header('Branch').click();
    expect(await ids()).toEqual([...all].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).reverse());

    await header('Score').click();
    const scores = (await page.locator('#ranking-table tbody .score .value').allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores[0]).toBe(0);

    await header('Warnings').click();
    expect((await ids())[0]).toBe('au-melbourne-fitzroy');

    // Anywhere in the heading sorts, not only its text; statuses go by seriousness.
    const status = page.locator('#ranking-table thead th', { hasText: 'Status' });
    const box = (await status.boundingBox())!;
    await page.mouse.click(box.x + box.width - 6, box.y + box.height / 2);
    expect(await status.getAttribute('aria-sort')).toBe('ascending');
    const statuses = await page.locator('#ranking-table tbody .status').evaluateAll((els) => els.map((el) => el.className.replace('status status-', '')));
    const order = ['conforms', 'diverges', 'invalid', 'broken'];
    expect(statuses).toEqual([...statuses].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(new Set(statuses)).toEqual(new Set(order));
    expect(await page.locator('#ranking-hint').isVisible()).toBe(true);

    await page.fill('#ranking-query', 'tr-');
    const turkish = all.filter((id) => id.includes('tr-'));
    expect((await ids()).sort()).toEqual(turkish.sort());
    expect(await page.locator('#ranking-count').textContent()).toBe(`Showing ${turkish.length} of ${turkish.length} matching branches (${all.length} in all).`);
    await page.fill('#ranking-query', 'gb-london');
    expect(await page.locator('#ranking-count').textContent()).toBe(`Showing 1 of 1 matching branch (${all.length} in all).`);
    await page.fill('#ranking-query', 'şubesi'); // by name, whatever the case
    expect((await ids()).length).toBeGreaterThan(0);
    expect((await ids()).every((id) => id.startsWith('tr-'))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reads right without script: the server-rendered ranking, no filter box', async () => {
    const { page } = await openPage({ javaScriptEnabled: false });
    await page.goto(url(bundledOut));
    expect(await page.locator('#ranking-table tbody tr').count()).toBe(bundledReport.branches.length);
    expect(await page.locator('#ranking-filter').isVisible()).toBe(false);
    expect(await page.locator('#ranking-hint').isVisible()).toBe(false);
    expect((await page.locator('#ranking-table tbody th a').first().textContent())).toBe('us-austin-south');
    await page.context().close();
  });

  it('prints without navigation and filter', async () => {
    const { page } = await openPage();
    await page.goto(url(bundledOut));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.locator('#ranking-filter').isVisible()).toBe(false);
    expect(await page.locator('#heatmap-table').isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('a hostile branch in a browser', () => {
  it('shows markup and template syntax as text and runs none of it', async () => {
    const { page, dialogs, errors } = await openPage();
    await page.goto(url(chainOut));
    const link = page.locator('#ranking-table tbody th a', { hasText: 'alert(1)' });
    expect(await link.textContent()).toBe(HOSTILE_ID);
    expect(await page.locator('#ranking-table tbody th .branch-name', { hasText: 'onerror' }).textContent()).toBe(`${IMG} ${MUSTACHE}`);
    // The filter renders rows from data too: still text.
    await page.fill('#ranking-query', 'script');
    expect(await page.locator('#ranking-table tbody th a').allTextContents()).toEqual([HOSTILE_ID]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'hostile-overview.png'), fullPage: true });
    await page.locator('#ranking-table tbody th a').click();
    await page.waitForURL(/branches\/script-alert-1-script-img-src-x-onerror-alert-1\.[0-9a-f]{16}\.html$/);

    expect(await page.locator('h1').textContent()).toBe(`Branch ${HOSTILE_ID}`);
    expect(await page.locator('.subtitle').textContent()).toBe(`${IMG} ${MUSTACHE}`);
    const steps = await page.locator('table.steps-table td.step .text').allTextContents();
    expect(steps).toEqual(expect.arrayContaining([SCRIPT, MUSTACHE, IMG, `${MUSTACHE} ${SCRIPT}`]));
    expect(await page.locator('table.steps-table td.step.mark-extra .key').textContent()).toBe('<img src=x onerror=alert(2)>');
    expect(await page.locator('td.actual pre.value').allTextContents()).toContain(JSON.stringify(SCRIPT));

    for (const html of [page]) {
      expect(await html.locator('img').count()).toBe(0);
      expect(await html.locator('script').count()).toBe(0);
      expect(await html.locator('[onerror]').count()).toBe(0);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'hostile-branch.png'), fullPage: true });

    await page.goto(url(chainOut));
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2); // the ranking data and the ranking script, both the report's own
    await page.goto(url(chainOut, 'branches/hold-1.html'));
    expect(await page.locator('.waiver-box dd').first().textContent()).toBe(`Pilot ${SCRIPT}`);
    expect(await page.locator('img').count()).toBe(0);
    await page.waitForTimeout(100);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps every page inside the reports folder, one per branch', () => {
    const pages = fs.readdirSync(path.join(chainOut, 'branches'));
    expect(pages).toHaveLength(11);
    expect(pages).toEqual(expect.arrayContaining(['case.html', 'good.html']));
    expect(pages.filter((p) => p.startsWith('case.'))).toHaveLength(2);
    expect(fs.readdirSync(chainOut)).toEqual(expect.arrayContaining(['branches', 'index.html', 'report.css', 'report.json']));
    expect(fs.readdirSync(path.dirname(chainOut)).filter((f) => f.includes('escape'))).toEqual([]);
  });
});
