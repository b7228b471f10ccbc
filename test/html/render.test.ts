/**
 * The HTML report as pure functions of the report document and what the
 * shell reads: escaping, the order and counts the pages show, the step lists
 * side by side, waivers, large chains, and templates that hold no words of
 * their own (every label comes from the catalogs).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BranchResult, Finding, Report } from '../../src/engine';
import { translator } from '../../src/i18n';
import { HtmlReport, RANKING_LIMIT, HEATMAP_LIMIT } from '../../src/report/html';
import { keyedLists } from '../../src/engine';
import { compareList } from '../../src/report/html/lists';
import { scriptJson } from '../../src/report/html/templates';
import { copyBundledWorkspace, makeWorkspace, REPO } from '../helpers/workspace';
import { HOSTILE_ID, MUSTACHE, STANDARD, TODAY, buildHtml, chainWorkspace, type Built } from './helpers';

let bundled: Built;
let chain: Built;

beforeAll(() => {
  bundled = buildHtml(copyBundledWorkspace());
  chain = buildHtml(chainWorkspace());
});

const open = (b: BranchResult) => b.findings.filter((f) => !f.waived);
const pageOf = (built: Built, id: string) => built.html.branchPage(built.index(id), built.input(built.index(id)));
const rankingData = (html: string): unknown[][] => JSON.parse(/<script type="application\/json" id="ranking-data">([^]*?)<\/script>/.exec(html)![1]).data;
const tbody = (html: string, tableId: string) => new RegExp(`<table[^>]*id="${tableId}"[^]*?<tbody>([^]*?)</tbody>`).exec(html)![1];

describe('escaping what branches wrote', () => {
  it('shows markup and template syntax in ids, names, step texts, keys and values as text on every page', () => {
    const pages = [chain.html.overview(chain.report.branches.map((_, i) => chain.input(i).name)), pageOf(chain, HOSTILE_ID), pageOf(chain, 'hold-1')];
    for (const html of pages) {
      expect(html).not.toMatch(/<script>alert|<img src=x|<img src="x"|onerror=alert\(\d\)>/i);
      expect(html).not.toMatch(/<(?!\/?(?:html|head|body|meta|title|link|a|p|h[1-4]|header|nav|main|section|footer|div|ul|ol|li|dl|dt|dd|table|caption|colgroup|col|thead|tbody|tr|th|td|span|code|pre|time|form|label|input|output|strong|script)\b)[a-z]/i);
    }
    const page = pages[1];
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(page).toContain(MUSTACHE);
    expect(page).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
    // The waiver's reason and approver on the waived branch's page.
    expect(pages[2]).toContain('Pilot &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pages[2]).toContain('Head of &quot;&gt;&lt;img');
  });

  it('embeds the ranking data so that nothing in it can end the script element', () => {
    const html = chain.html.overview([]);
    const block = /<script type="application\/json" id="ranking-data">([^]*?)<\/script>/.exec(html)![1];
    expect(block).not.toMatch(/[<>&]/);
    expect(rankingData(html).map((row) => row[0])).toContain(HOSTILE_ID);
    expect(scriptJson({ a: '</script><!--\u2028\u2029&' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u2028\\u2029\\u0026"}');
    expect(JSON.parse(scriptJson({ a: '</script><!--\u2028\u2029&' }))).toEqual({ a: '</script><!--\u2028\u2029&' });
  });

  it('links to a hostile branch through an encoded URL of a safe file name', () => {
    const page = chain.html.branchPages[chain.index(HOSTILE_ID)];
    expect(page).toMatch(/^branches\/[a-z0-9-]+\.[0-9a-f]{16}\.html$/);
    expect(chain.html.branchPages[chain.index('../../escape')]).toMatch(/^branches\/escape\.[0-9a-f]{16}\.html$/);
    expect(chain.html.branchPages[chain.index('Case')]).not.toBe(chain.html.branchPages[chain.index('case')]);
  });
});

describe('the overview', () => {
  it('shows the summary counts of the report document', () => {
    const html = bundled.html.overview();
    const value = (name: string) => Number(new RegExp(`data-count="${name}"[^]*?data-value="(\\d+)"`).exec(html)![1]);
    const s = bundled.report.summary;
    expect([value('branches'), value('conforming'), value('error'), value('warning'), value('info'), value('waived')])
      .toEqual([s.branches, s.conforming, s.findings.error, s.findings.warning, s.findings.info, s.waived]);
  });

  it('ranks branches worst first: lowest score, then most errors, then id', () => {
    const data = rankingData(bundled.html.overview());
    expect(data).toHaveLength(bundled.report.branches.length);
    type Row = [string, string, string, number, number, number];
    const expected = [...(data as Row[])].sort((a, b) => a[3] - b[3] || b[4] - a[4] || b[5] - a[5] || (a[0] < b[0] ? -1 : 1));
    expect(data).toEqual(expected);
    expect(data[0][0]).toBe('us-austin-south');
    const rows = [...tbody(bundled.html.overview(), 'ranking-table').matchAll(/class="branch-id" href="([^"]+)">([^<]+)</g)];
    expect(rows.map((m) => m[2])).toEqual(data.map((row) => row[0]));
  });

  it('draws the heatmap cells from the open findings of each area, linked to that area on the branch page', () => {
    const html = bundled.html.overview();
    const table = tbody(html, 'heatmap-table');
    for (const branch of bundled.report.branches) {
      const row = new RegExp(`href="(branches/${branch.id}\\.html)">${branch.id}</a>[^]*?</tr>`).exec(table)![0];
      const cells = [...row.matchAll(/<td class="cell cell-(\w+)"><a href="([^"]+)"[^>]*>(\d+) /g)];
      expect(cells.reduce((sum, m) => sum + Number(m[3]), 0)).toBe(open(branch).length);
      for (const [, worst, href] of cells) {
        expect(href).toMatch(new RegExp(`^branches/${branch.id}\\.html#(area-[A-Za-z0-9_.-]+|whole-document)$`));
        expect(['error', 'warning', 'info']).toContain(worst);
      }
    }
    expect(table).toMatch(/href="branches\/tr-istanbul-kadikoy\.html#area-returns"[^>]*>1 /);
    expect(table).toMatch(/<td class="cell cell-info"><a href="branches\/tr-istanbul-kadikoy\.html#area-serviceDesk"/);
  });

  it('says when most branches differ from the standard the same way, and lists who', () => {
    const html = chain.html.overview();
    const retrain = /<section class="panel retrain"[^]*?<\/section>/.exec(html)![0];
    expect(retrain).toContain('Phone › Hold max seconds');
    expect(retrain).toContain('The standard may need to change.');
    expect(retrain).toContain('7 of 11 branches differ here in the same way: they have 90.');
    for (const id of ['hold-2', 'hold-3', 'hold-4', 'hold-5', 'Case', 'case', '../../escape']) expect(retrain).toContain(`>${id.replace(/\//g, '/')}</a>`);
    expect(retrain).not.toContain('>hold-1</a>'); // waived
    // A point only one branch misses is that branch's own matter, not a training topic.
    expect(retrain).not.toContain('Window days');
  });

  it('lists expired, expiring and unused waivers with approver and reason', () => {
    const html = bundled.html.overview();
    const expired = /id="waivers-expired"[^]*?<\/table>/.exec(html)![0];
    expect(expired).toContain('tr-ankara-kizilay');
    expect(expired).toContain('Mehmet Aydın, Regional Operations Manager, Türkiye');
    expect(expired).toContain('<time datetime="2026-03-31">March 31, 2026</time>');
    const unused = /id="waivers-unused"[^]*?<\/table>/.exec(html)![0];
    expect(unused).toContain('Helen Marsh');
    expect(unused).toContain('Shorter return window');
    expect(/id="waivers-expiring"[^]*?<\/div>/.exec(html)![0]).toContain('None.');
  });

  it('speaks the workspace locale: lang and every label from its catalog', () => {
    const tr = buildHtml(copyBundledWorkspace(), { locale: 'tr' });
    const html = tr.html.overview();
    const t = translator('tr').t;
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="tr"/);
    expect(html).toContain(`<title>${t('html.overview.title')}</title>`);
    expect(html).toContain(`<h2 id="heatmap-h">${t('html.heatmap.heading')}</h2>`);
    expect(tr.html.branchPage(0, tr.input(0))).toMatch(/<html lang="tr"/);
  });

  it('names areas, places and step fields as the schema does in the reader\'s language (x-title, then title, then the property name as words)', () => {
    const ta = buildHtml(copyBundledWorkspace(), { locale: 'ta' });
    const heatmap = /<table[^>]*class="heatmap"[^]*?<\/thead>/.exec(ta.html.overview())![0];
    expect(heatmap).toContain('திருப்பி அளித்தல்');
    expect(heatmap).not.toContain('Returns');
    const page = pageOf(ta, 'tr-istanbul-kadikoy');
    expect(page).toContain('திருப்பி அளித்தல் › படிகள் › inspect-item');
    expect(page).toContain('சேவை மேசை › பேசப்படும் மொழிகள்'); // a property only the branch has
    expect(page).toContain('பொறுப்பு: desk-clerk'); // a step's role
    const plain = buildHtml(makeWorkspace({
      schema: {
        type: 'object',
        properties: {
          returns: { type: 'object', title: 'Returns desk', properties: { windowDays: { type: 'integer', 'x-title': { tr: 'İade süresi' } } } },
          phone: { type: 'object', properties: { holdMaxSeconds: { type: 'integer' } } },
        },
      },
      standard: { returns: { windowDays: 30 }, phone: { holdMaxSeconds: 60 } },
      branches: { 'b.json': { returns: { windowDays: 31 }, phone: { holdMaxSeconds: 61 } } },
    }), { locale: 'en' });
    const en = plain.html.branchPage(0, plain.input(0));
    expect(en).toContain('Returns desk › Window days');
    expect(en).toContain('Phone › Hold max seconds');
  });

  it('is self-contained: no URL outside the reports folder', () => {
    for (const html of [bundled.html.overview(), pageOf(bundled, 'tr-istanbul-kadikoy')]) {
      const urls = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
      for (const url of urls) expect(url).not.toMatch(/^(?:[a-z]+:|\/\/|\/)/i);
    }
  });
});

describe('a branch page', () => {
  it('lists every open finding with its line and column, by area', () => {
    for (const branch of bundled.report.branches) {
      const html = pageOf(bundled, branch.id);
      const rows = [...html.matchAll(/<tr data-line="(\d+)" data-column="(\d+)">/g)].map((m) => `${m[1]}:${m[2]}`).sort();
      expect(rows).toEqual(branch.findings.map((f) => `${f.line}:${f.column}`).sort());
    }
    const html = pageOf(bundled, 'tr-izmir-alsancak');
    expect(html).toContain('<section class="panel area" id="area-phoneSupport"');
    expect(html).toContain('line 90, column 9');
  });

  it('shows expected and actual side by side, pretty-printed', () => {
    const html = pageOf(bundled, 'in-lucknow-hazratganj');
    expect(html).toMatch(/<td class="expected"><span class="caption">at least<\/span><pre class="value">30<\/pre><\/td>\s*<td class="actual"><pre class="value">14<\/pre>/);
    expect(pageOf(bundled, 'tr-istanbul-kadikoy')).toContain('<pre class="value">{\n  &quot;id&quot;: &quot;inspect-item&quot;,');
  });

  it('sets a waived finding apart, with the reason, approver and expiry of its waiver', () => {
    const html = pageOf(bundled, 'in-delhi-connaught');
    const waived = /<section class="panel" id="waived"[^]*?<\/section>/.exec(html)![0];
    expect(waived).toContain('Call-back pilot');
    expect(waived).toContain('Priya Raman, Head of Customer Service Operations');
    expect(waived).toContain('<time datetime="2027-06-30">June 30, 2027</time>');
    expect(html).not.toContain('class="panel area"');
  });

  it('names the expired waiver behind an open finding', () => {
    expect(pageOf(bundled, 'tr-ankara-kizilay')).toContain('A waiver approved by Mehmet Aydın, Regional Operations Manager, Türkiye covered this until March 31, 2026; it has expired.');
  });

  it('puts the standard’s steps beside the branch’s, aligned, with missing, extra and moved steps marked', () => {
    const steps = (html: string) => [...html.matchAll(/<tr>\s*(<td class="gap"[^]*?|<td class="n mark-[^]*?)<\/tr>/g)].map((m) => {
      const cells = [...m[1].matchAll(/<td class="(gap|step mark-(\w+))[^"]*"(?: data-side="(\w+)" data-key="([^"]*)")?/g)];
      return cells.map((c) => (c[1] === 'gap' ? '—' : `${c[4]}${c[2] === 'same' ? '' : `(${c[2]})`}`)).join(' | ');
    });
    expect(steps(pageOf(bundled, 'tr-istanbul-kadikoy'))).toEqual([
      'greet-customer | greet-customer',
      'check-receipt | check-receipt',
      'inspect-item(missing) | —',
      'choose-refund | choose-refund',
      'process-refund | process-refund',
      'record-return | record-return',
      'thank-customer | thank-customer',
    ]);
    expect(steps(pageOf(bundled, 'tr-ankara-kizilay'))).toEqual([
      'listen | listen',
      'repeat-back | repeat-back',
      'apologize(moved) | —',
      'resolve-or-escalate | resolve-or-escalate',
      'record | record',
      '— | apologize(moved)',
      'follow-up | follow-up',
    ]);
    expect(steps(pageOf(bundled, 'in-coimbatore-rspuram'))).toContain('— | offer-water(extra)');
    expect(steps(pageOf(bundled, 'in-hyderabad-banjarahills'))).toContain('repeat-back | repeat-back(changed)');
    expect(steps(pageOf(bundled, 'in-vijayawada-mgroad'))).toContain('written-warning | written-warning(changed)');
    expect(pageOf(bundled, 'tr-ankara-kizilay')).toContain('out of order: step 5 in this branch');
    expect(pageOf(bundled, 'tr-ankara-kizilay')).toContain('out of order: step 3 in the standard');
  });

  it('shows where a file that is not JSON breaks', () => {
    const html = pageOf(bundled, 'us-austin-south');
    expect(html).toContain('<tr class="here"><td class="ln">62</td>');
    expect(html).toContain('This branch’s file is not valid JSON');
  });
});

describe('keyed lists', () => {
  it('finds every x-key list of the bundled standard through the rule tree', () => {
    expect(bundled.html.model.context.lists.map((l) => `${l.path} by ${l.key}`)).toEqual([
      '/procedures/returns/steps by id',
      '/procedures/serviceDesk/steps by id',
      '/procedures/phoneSupport/steps by id',
      '/procedures/complaints/steps by id',
      '/procedures/conduct/rules by id',
      '/procedures/correctiveAction/steps by id',
    ]);
  });

  it('walks keyed lists inside keyed lists, named by key', () => {
    type Node = Parameters<typeof keyedLists>[0];
    const tree = (key: string | undefined, properties: Record<string, Node> = {}, items?: Node): Node => ({
      key,
      resolve() { return this; },
      property: (name) => properties[name] ?? tree(undefined),
      item: () => items ?? tree(undefined),
    });
    const dish = tree(undefined);
    const menu = tree(undefined, { dishes: tree('code', {}, dish) });
    const root = tree(undefined, { menus: tree('id', {}, menu) });
    expect(keyedLists(root, { menus: [{ id: 'lunch', dishes: [{ code: 'a' }] }] }).map((l) => l.path)).toEqual(['/menus', '/menus/lunch/dishes']);
  });

  it('marks a step the rule allows the branch to add as its own addition, not as an error', () => {
    const finding = (path: string, kind: Finding['kind']): Finding => ({ branch: 'b', file: 'b.json', path, kind, rule: 'superset', severity: 'error', message: '', line: 1, column: 1, waived: false });
    const view = compareList({ path: '/rules', key: 'id' }, [{ id: 'a' }, { id: 'b' }], [{ id: 'a' }, { id: 'own' }], [finding('/rules/b', 'missing')])!;
    expect(view.rows.map((r) => [r.standard?.key ?? '—', r.standard?.mark, r.branch?.key ?? '—', r.branch?.mark])).toEqual([
      ['a', 'same', 'a', 'same'],
      ['b', 'missing', '—', undefined],
      ['—', undefined, 'own', 'added'],
    ]);
  });
});

describe('large chains', () => {
  it('renders the overview of 10 000 branches with a bounded ranking and heatmap, and writes the rest as A–Z pages', () => {
    const finding = (id: string, n: number): Finding => ({
      branch: id, file: `branches/${id}.json`, path: n % 2 ? '/procedures/returns/windowDays' : '/procedures/phone/mode',
      kind: 'changed', rule: 'exact', severity: n % 3 ? 'error' : 'warning', expected: 1, actual: 2, message: 'Is 2.', line: 3, column: 5, waived: false,
    });
    const branches: BranchResult[] = Array.from({ length: 10_000 }, (_, n) => {
      const id = `branch-${String(n).padStart(5, '0')}`;
      return { id, file: `branches/${id}.json`, valid: true, score: n % 101, findings: n % 101 === 100 ? [] : [finding(id, n)] };
    });
    const report: Report = {
      tool: { name: 'sopaudit', version: '0.0.0' },
      standard: { file: 'schemas/standard.json', version: '1' },
      summary: { branches: 10_000, conforming: 99, findings: { error: 6000, warning: 3901, info: 0 }, waived: 0 },
      branches,
      waivers: { expired: [], expiring: [], unused: [] },
    };
    const html = new HtmlReport(report, { translator: translator('en'), standard: STANDARD, lists: [], waivers: [], today: TODAY });
    const overview = html.overview();
    expect([...tbody(overview, 'ranking-table').matchAll(/<tr>/g)]).toHaveLength(RANKING_LIMIT);
    expect([...tbody(overview, 'heatmap-table').matchAll(/<tr>/g)]).toHaveLength(HEATMAP_LIMIT);
    expect(rankingData(overview)).toHaveLength(10_000);
    expect(overview.length).toBeLessThan(3_000_000);
    expect(overview).toContain('Showing the 200 lowest-scoring of 10,000 branches.');
    const lists = [...html.listPages()];
    expect(lists.map((p) => p.file)).toEqual(Array.from({ length: 10 }, (_, n) => `all-branches-${n + 1}.html`));
    expect(overview).toContain('<a href="all-branches-10.html">branch-09000 – branch-09999</a>');
    expect([...tbody(lists[9].html, 'list-table').matchAll(/<tr>/g)]).toHaveLength(1000);
    expect(html.branchPages).toHaveLength(10_000);
    expect(html.branchPage(9_999)).toContain('branch-09999');
  });
});

describe('the templates', () => {
  const folder = path.join(REPO, 'src', 'report', 'html', 'templates');
  const files = [...fs.readdirSync(folder).filter((f) => f.endsWith('.hbs')), ...fs.readdirSync(path.join(folder, 'partials')).map((f) => `partials/${f}`)];

  it.each(files)('%s holds no words of its own and no triple-stash', (file) => {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    expect(text).not.toContain('{{{');
    const visible = text
      .replace(/<script[^]*?<\/script>/g, '')
      .replace(/\{\{[^]*?\}\}/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/&[a-z]+;/g, '');
    expect(visible.match(/\p{L}+/gu) ?? []).toEqual([]);
  });
});
