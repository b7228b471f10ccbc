/**
 * The markdown format: a pull-request comment that reads right on the
 * bundled workspace, survives hostile strings without breaking its tables
 * or letting markup through, and never exceeds GitHub's comment limit.
 */
import type { Finding, Report, Waiver } from '../../src/engine';
import { translator } from '../../src/i18n';
import { FORMATTERS } from '../../src/report';
import { MARKDOWN_LIMIT, markdown } from '../../src/report/markdown';
import { auditDir } from '../helpers/audit';
import { REPO } from '../helpers/workspace';
import { HOSTILE, hostileReport } from './hostile';

const context = { translator: translator('en'), color: false };
/** Table cells split on pipes that are not backslash-escaped. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

describe('markdown on the bundled workspace', () => {
  const report = auditDir(REPO, '2026-11-28');
  const out = markdown(report, context);

  it('is the registered markdown format', () => {
    expect(FORMATTERS.markdown).toBe(markdown);
  });

  it('opens with the standard and the summary line', () => {
    const lines = out.split('\n');
    expect(lines[0]).toBe('## Procedure audit against the standard 2026.11');
    expect(lines[2]).toBe('❌ 19 findings · 15 errors, 3 warnings, and 1 info finding · branches conforming: 3 of 13 · 1 finding waived');
    expect(out).toContain('Waivers: 1 expired, 0 expiring soon, 1 unused.');
  });

  it('has one summary row and one section per branch with findings, none for conforming branches', () => {
    const diverging = report.branches.filter((b) => b.findings.length > 0);
    // The findings part: the waiver tables after it name gb-london-camden's unused waiver.
    const findings = out.slice(0, out.indexOf('\n### Waivers that need attention\n'));
    const sections = findings.split('\n').filter((l) => l.startsWith('### '));
    expect(sections).toHaveLength(diverging.length);
    expect(findings).not.toContain('gb-london-camden');
    expect(findings).not.toContain('in-chennai-tnagar');
    expect(out).toContain('| ❌ | tr-istanbul-kadikoy | 99 | 1 | 0 | 1 | 0 |');
    expect(out).toContain('| 20:7 | error | `missing/sequence` | /procedures/returns/steps/inspect-item | The standard’s item inspect-item is missing. |');
  });

  it('marks the waived finding, and a branch with only waived findings passes', () => {
    expect(out).toContain('| ✅ | in-delhi-connaught | 100 | 0 | 0 | 0 | 1 |');
    expect(out).toContain('| 87:7 | ~~error~~ waived | `changed/atMost` | /procedures/phoneSupport/holdMaxSeconds |');
  });

  it('keeps every table row at its header\'s number of cells', () => {
    checkTables(out);
  });

  it('speaks the report\'s locale', () => {
    const tr = markdown(report, { translator: translator('tr'), color: false });
    expect(tr.split('\n')[0]).toBe('## 2026.11 sürümlü standarda göre prosedür denetimi');
    expect(tr).toContain('~~hata~~ muaf');
  });
});

describe('markdown waiver tables on the bundled workspace', () => {
  const head = '| branch | path | valid until | approved by | reason |';
  const ankara = '| tr-ankara-kizilay | /procedures/complaints/steps/apologize | 2026-03-31 | Mehmet Aydın, Regional Operations Manager, Türkiye | Trial of apologising after the agreed action is recorded, so the apology can name the outcome; the trial ended with the first quarter. |';
  const camden = '| gb-london-camden | /procedures/returns/windowDays | 2027-01-31 | Helen Marsh, Retail Operations Director, UK &amp; Ireland | Shorter return window during the Camden store refit, when stock was held off-site; the branch is back on the standard 30 days. |';
  /** The lines from the waivers heading on. */
  const waiverPart = (out: string) => out.slice(out.lastIndexOf('\n### ') + 1).trimEnd().split('\n');

  it('names the expired and the unused waiver after the findings, a table per list', () => {
    const out = markdown(auditDir(REPO, '2026-11-28'), context);
    expect(waiverPart(out)).toEqual([
      '### Waivers that need attention',
      '',
      'Expired waivers (cover nothing):',
      '',
      head,
      '|---|---|---|---|---|',
      ankara,
      '',
      'Unused waivers:',
      '',
      head,
      '|---|---|---|---|---|',
      camden,
    ]);
    checkTables(out);
  });

  it('lists a waiver that is both expiring and unused in both tables, in the order expired, expiring, unused', () => {
    const out = markdown(auditDir(REPO, '2027-01-10'), context);
    const part = waiverPart(out);
    expect(part.filter((l) => !l.startsWith('|') && l !== '')).toEqual([
      '### Waivers that need attention',
      'Expired waivers (cover nothing):',
      'Waivers expiring soon:',
      'Unused waivers:',
    ]);
    expect(part.filter((l) => l === camden)).toHaveLength(2);
    checkTables(out);
  });

  it('speaks the report\'s locale', () => {
    const out = markdown(auditDir(REPO, '2027-01-10', { locale: 'tr' }), { translator: translator('tr'), color: false });
    const part = waiverPart(out);
    expect(part[0]).toBe('### İlgilenilmesi gereken muafiyetler');
    expect(part.filter((l) => l.endsWith(':'))).toEqual([
      'Süresi dolmuş muafiyetler (hiçbir şeyi kapsamıyor):',
      'Süresi yakında dolacak muafiyetler:',
      'Kullanılmayan muafiyetler:',
    ]);
    expect(part).toContain('| şube | yol | geçerlilik sonu | onaylayan | gerekçe |');
    expect(part).toContain(ankara);
  });

  it('has no waiver section when no waiver needs attention', () => {
    const report = auditDir(REPO, '2026-11-28');
    const out = markdown({ ...report, waivers: { expired: [], expiring: [], unused: [] } }, context);
    expect(out).not.toContain('Waivers');
    expect(out.trimEnd().split('\n').pop()).toMatch(/^\| \d+:\d+ \|/);
  });
});

describe('markdown with hostile strings', () => {
  const report = hostileReport();
  const out = markdown(report, context);

  it('lets no markup, HTML or stray backtick through', () => {
    expect(out).not.toMatch(/</);
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
    // Our own markup: `kind/rule` code spans and the struck-out severity of a waived finding.
    const ours = out.replace(/`[a-z]+\/[a-zA-Z]+`/g, '').replace(/~~[a-z]+~~/g, '');
    expect(ours).not.toMatch(/(?<!\\)`/);
    expect(ours).not.toMatch(/(?<!\\)[*_~[\]]/);
  });

  it('keeps line breaks of user strings out of the layout', () => {
    checkTables(out);
    const heading = out.split('\n').find((l) => l.startsWith('### ❌ &lt;script'));
    expect(heading).toBe(
      '### ❌ &lt;script&gt;alert("x&amp;y")&lt;/script&gt; \\]\\]&gt; ::error file=a.json::hi \\| a\\|b \\`tick\\` 100% %0A a,b:c next line\ttab \uFFFD \\~\\*\\_\\[x\\](y)',
    );
  });

  it('escapes every field of the waivers it lists, and names a * waiver for every branch', () => {
    const waiver: Waiver = { branch: HOSTILE, path: `/procedures/${HOSTILE}`, reason: HOSTILE, approvedBy: HOSTILE, expires: '2026-01-01' };
    const listed = markdown({ ...report, waivers: { expired: [waiver], expiring: [], unused: [{ ...waiver, branch: '*' }] } }, context);
    expect(listed).not.toMatch(/</);
    expect(listed).not.toMatch(/&(?!amp;|lt;|gt;)/);
    const ours = listed.replace(/`[a-z]+\/[a-zA-Z]+`/g, '').replace(/~~[a-z]+~~/g, '');
    expect(ours).not.toMatch(/(?<!\\)`/);
    expect(ours).not.toMatch(/(?<!\\)[*_~[\]]/);
    checkTables(listed);
    const rows = listed.slice(listed.indexOf('### Waivers that need attention')).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| branch'));
    expect(rows).toHaveLength(2);
    expect(cells(rows[0]).map((c) => c.trim())).toHaveLength(5);
    expect(cells(rows[1])[0].trim()).toBe('every branch');
  });

  it('shows every finding of the hostile branch, the waived one marked', () => {
    const hostile = report.branches.find((b) => b.id === HOSTILE)!;
    const rows = out.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l));
    expect(rows).toHaveLength(hostile.findings.length + 1); // + the broken file's
    expect(rows.filter((r) => r.includes('~~error~~ waived'))).toHaveLength(1);
  });
});

describe('markdown past GitHub\'s comment limit', () => {
  const big = syntheticReport(40, 60);
  const out = markdown(big, context);

  it('stays within 65 536 characters and says it was cut', () => {
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(out.length).toBeGreaterThan(MARKDOWN_LIMIT - 2_000);
    const note = out.trimEnd().split('\n').pop()!;
    const rows = out.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l)).length;
    expect(note).toBe(`> Cut to fit a comment: ${rows} of 2400 findings are listed. For all of them, run \`sopaudit report\``);
  });

  it('cuts between rows, never inside one, and leaves no empty section', () => {
    checkTables(out);
    const lines = out.trimEnd().split('\n');
    const beforeNote = lines[lines.length - 3];
    expect(beforeNote).toMatch(/^\| \d+:\d+ \|.*\|$/);
  });

  it('is not cut when it fits', () => {
    expect(markdown(syntheticReport(2, 3), context)).not.toContain('Cut to fit');
  });

  it('keeps room for the waiver tables when the findings are cut', () => {
    const withWaivers = { ...big, waivers: { expired: waivers(3), expiring: [], unused: waivers(5) } };
    const out = markdown(withWaivers, context);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    checkTables(out);
    const lines = out.trimEnd().split('\n');
    // The findings' note closes the findings; every waiver follows.
    const note = lines.findIndex((l) => l.startsWith('> Cut to fit a comment:'));
    expect(lines[note]).toMatch(/^> Cut to fit a comment: \d+ of 2400 findings are listed\./);
    expect(lines[note + 2]).toBe('### Waivers that need attention');
    expect(lines.filter((l) => l.startsWith('| waived-'))).toHaveLength(8);
    expect(out).not.toContain('waivers that need attention are listed');
  });

  it('cuts the waiver tables too when there are too many, and says so', () => {
    const many = { ...big, waivers: { expired: waivers(400), expiring: [], unused: waivers(400) } };
    const out = markdown(many, context);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(out.length).toBeGreaterThan(MARKDOWN_LIMIT - 2_000);
    checkTables(out);
    const listed = out.split('\n').filter((l) => l.startsWith('| waived-')).length;
    expect(listed).toBeGreaterThan(10);
    expect(listed).toBeLessThan(800);
    // The findings still have most of the comment.
    expect(out.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l)).length).toBeGreaterThan(200);
    expect(out.trimEnd().split('\n').pop()).toBe(`> Cut to fit a comment: ${listed} of 800 waivers that need attention are listed. For all of them, run \`sopaudit report\``);
  });
});

/** n waivers with realistic reasons, for branches `waived-000`, … */
function waivers(n: number): Waiver[] {
  return Array.from({ length: n }, (_, i) => ({
    branch: `waived-${String(i).padStart(3, '0')}`,
    path: `/procedures/area-${i % 7}/steps/step-${i}`,
    reason: 'A local trial approved by head office while the regional team measures its effect on customer satisfaction.',
    approvedBy: 'Regional Operations Manager',
    expires: '2027-06-30',
  }));
}

/** Every table row has its header's number of cells. */
function checkTables(out: string): void {
  let width = 0;
  for (const line of out.split('\n')) {
    if (!line.startsWith('|')) {
      width = 0;
      continue;
    }
    expect(line.endsWith('|')).toBe(true);
    if (width === 0) width = cells(line).length;
    else expect([line, cells(line).length]).toEqual([line, width]);
  }
}

function syntheticReport(branches: number, findingsEach: number): Report {
  const list = Array.from({ length: branches }, (_, b) => {
    const id = `branch-${String(b).padStart(3, '0')}`;
    const findings: Finding[] = Array.from({ length: findingsEach }, (_, i) => ({
      branch: id,
      file: `branches/${id}.json`,
      path: `/procedures/area-${i % 7}/steps/step-${String(i).padStart(3, '0')}`,
      kind: 'missing',
      rule: 'sequence',
      severity: i % 3 === 0 ? 'warning' : 'error',
      message: `The standard’s item step-${i} is missing; a long explanation follows so that rows are realistic in size.`,
      line: 10 + i,
      column: 7,
      waived: false,
    }));
    return { id, file: `branches/${id}.json`, valid: true, score: 90, findings };
  });
  return {
    tool: { name: 'sopaudit', version: '0.0.0' },
    standard: { file: 'schemas/standard.json', version: '1' },
    summary: { branches, conforming: 0, findings: { error: 0, warning: 0, info: 0 }, waived: 0 },
    branches: list,
    waivers: { expired: [], expiring: [], unused: [] },
  };
}
