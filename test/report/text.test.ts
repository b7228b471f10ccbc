/**
 * The text format's listing of the waivers that need attention: after the
 * findings, before the summary line, a heading per non-empty list and one
 * aligned line per waiver, in the report's locale and order; and hostile
 * strings kept to one line each, with no control character for the terminal.
 */
import type { Report, Waiver } from '../../src/engine';
import { translator } from '../../src/i18n';
import { FORMATTERS } from '../../src/report';
import { text } from '../../src/report/text';
import { auditDir } from '../helpers/audit';
import { REPO } from '../helpers/workspace';
import { HOSTILE_FILE, hostileReport } from './hostile';

const plain = (locale: string) => ({ translator: translator(locale), color: false });
/** The lines after the last finding block: the waiver listing (if any), then the summary line. */
const tail = (out: string) => out.trimEnd().split('\n\n').pop()!.split('\n');
/** The lines between the last finding block and the summary line. */
const waiverLines = (out: string) => {
  const blocks = out.trimEnd().split('\n\n');
  return blocks[blocks.length - 2].split('\n');
};

const ANKARA = '  tr-ankara-kizilay  /procedures/complaints/steps/apologize  valid until 2026-03-31  approved by Mehmet Aydın, Regional Operations Manager, Türkiye';
const CAMDEN = '  gb-london-camden   /procedures/returns/windowDays          valid until 2027-01-31  approved by Helen Marsh, Retail Operations Director, UK & Ireland';

describe('text: waivers that need attention, on the bundled workspace', () => {
  it('is the registered text format', () => {
    expect(FORMATTERS.text).toBe(text);
  });

  it('lists the expired and the unused waiver after the findings and before the summary line', () => {
    const out = text(auditDir(REPO, '2026-11-28'), plain('en'));
    expect(waiverLines(out)).toEqual(['Expired waivers (cover nothing):', ANKARA, 'Unused waivers:', CAMDEN]);
    expect(tail(out)).toEqual(['✖ 19 findings · 15 errors, 3 warnings, and 1 info finding · branches conforming: 3 of 13 · 1 finding waived']);
    // The last finding block comes right before the listing.
    expect(out).toContain('  62:7  error  The file is not valid JSON: unexpected "steps".  json  /\n\nExpired waivers (cover nothing):\n');
  });

  it('lists a waiver both expiring and unused under both headings, expired first', () => {
    const out = text(auditDir(REPO, '2027-01-10'), plain('en'));
    expect(waiverLines(out)).toEqual([
      'Expired waivers (cover nothing):',
      ANKARA,
      'Waivers expiring soon:',
      CAMDEN,
      'Unused waivers:',
      CAMDEN,
    ]);
  });

  it('speaks Turkish', () => {
    const out = text(auditDir(REPO, '2027-01-10', { locale: 'tr' }), plain('tr'));
    expect(waiverLines(out)).toEqual([
      'Süresi dolmuş muafiyetler (hiçbir şeyi kapsamıyor):',
      '  tr-ankara-kizilay  /procedures/complaints/steps/apologize  2026-03-31 tarihine kadar geçerli  onaylayan: Mehmet Aydın, Regional Operations Manager, Türkiye',
      'Süresi yakında dolacak muafiyetler:',
      '  gb-london-camden   /procedures/returns/windowDays          2027-01-31 tarihine kadar geçerli  onaylayan: Helen Marsh, Retail Operations Director, UK & Ireland',
      'Kullanılmayan muafiyetler:',
      '  gb-london-camden   /procedures/returns/windowDays          2027-01-31 tarihine kadar geçerli  onaylayan: Helen Marsh, Retail Operations Director, UK & Ireland',
    ]);
    expect(tail(out)[0]).toMatch(/^✖ 19 bulgu · /);
  });

  it.each(['hi', 'ta', 'te'])('speaks %s, with every parameter filled', (locale) => {
    const out = text(auditDir(REPO, '2027-01-10', { locale }), plain(locale));
    const lines = waiverLines(out);
    expect(lines).toHaveLength(6);
    expect(lines.join('\n')).not.toMatch(/[{}]|valid until|approved by|waivers/i);
    expect(lines[1]).toMatch(/^ {2}tr-ankara-kizilay {2}\/procedures\/complaints\/steps\/apologize {2}.*2026-03-31.* {2}.*Mehmet Aydın/);
  });

  it('says nothing of waivers when none needs attention', () => {
    const report = auditDir(REPO, '2026-11-28');
    const none = text({ ...report, waivers: { expired: [], expiring: [], unused: [] } }, plain('en'));
    expect(none).not.toMatch(/waiver/i);
    expect(waiverLines(none)[0]).toBe('branches/us-austin-south.json (branch us-austin-south, score 0)');
    // The listing is the only difference.
    expect(text(report, plain('en')).replace(['Expired waivers (cover nothing):', ANKARA, 'Unused waivers:', CAMDEN, '', ''].join('\n'), '')).toBe(none);
  });

  it('colours the headings only through the paint helper, and reads the same without the colours', () => {
    const report = auditDir(REPO, '2027-01-10');
    const coloured = text(report, { translator: translator('en'), color: true });
    expect(coloured).toContain('\u001b[31mExpired waivers (cover nothing):\u001b[39m');
    expect(coloured).toContain('\u001b[33mWaivers expiring soon:\u001b[39m');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text(report, plain('en')));
  });
});

describe('text: waivers with unusual fields', () => {
  const waiver = (fields: Partial<Waiver>): Waiver => ({
    branch: 'b-1', path: '/a', reason: 'r', approvedBy: 'HQ', expires: '2026-01-01', ...fields,
  });
  const report = (waivers: Report['waivers']): Report => ({
    tool: { name: 'sopaudit', version: '0.0.0' },
    standard: { file: 'schemas/standard.json', version: '1' },
    summary: { branches: 0, conforming: 0, findings: { error: 0, warning: 0, info: 0 }, waived: 0 },
    branches: [],
    waivers,
  });

  it('keeps each waiver on one line, whatever its fields hold, and aligns the columns across the lists', () => {
    const out = text(report({
      expired: [waiver({ branch: 'a-much-longer-branch-id', approvedBy: 'Line one\nline two\u001b[2J\tend' })],
      expiring: [],
      unused: [waiver({ path: '/procedures/x' })],
    }), plain('en'));
    expect(out).toBe([
      'Expired waivers (cover nothing):',
      '  a-much-longer-branch-id  /a             valid until 2026-01-01  approved by Line one line two [2J end',
      'Unused waivers:',
      '  b-1                      /procedures/x  valid until 2026-01-01  approved by HQ',
      '',
      '✔ 0 findings · 0 errors, 0 warnings, and 0 info findings · branches conforming: 0 of 0',
      '',
    ].join('\n'));
  });

  it('names a waiver for every branch (*) as such', () => {
    const out = text(report({ expired: [], expiring: [waiver({ branch: '*' })], unused: [] }), plain('tr'));
    expect(out.split('\n').slice(0, 2)).toEqual([
      'Süresi yakında dolacak muafiyetler:',
      '  tüm şubeler  /a  2026-01-01 tarihine kadar geçerli  onaylayan: HQ',
    ]);
  });
});

describe('text with hostile strings', () => {
  it('keeps every finding on one line and lets no control character reach the terminal', () => {
    const report = hostileReport();
    const out = text(report, plain('en'));
    expect(out).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    const findingLines = out.split('\n').filter((line) => /^ {2}\d+:\d+ /.test(line));
    expect(findingLines).toHaveLength(report.branches.reduce((n, b) => n + b.findings.length, 0));
    const heading = out.split('\n').find((line) => line.includes(HOSTILE_FILE))!;
    expect(heading).toContain('<script>alert("x&y")</script>');
  });
});
