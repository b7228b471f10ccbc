/**
 * What `sopaudit report` prints: the summary (with the waivers that need
 * attention), the files it wrote and where to open the report, all from the
 * catalogs in the chosen locale, the page count in its plural form.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyBundledWorkspace, runCli } from '../helpers/workspace';

const TODAY = '2026-11-28';

function report(locale: string, keep?: string): { stdout: string; href: string } {
  const workspace = copyBundledWorkspace();
  if (keep) {
    for (const file of fs.readdirSync(path.join(workspace, 'branches'))) {
      if (file !== keep) fs.rmSync(path.join(workspace, 'branches', file));
    }
  }
  const result = runCli(['report', '--workspace', workspace, '--today', TODAY, '--locale', locale], { cwd: workspace });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return { stdout: result.stdout, href: pathToFileURL(path.join(workspace, 'reports', 'index.html')).href };
}

describe('sopaudit report prints', () => {
  it('in English: the waivers that need attention, the summary, each file written and the overview address', () => {
    const { stdout, href } = report('en');
    expect(stdout).toBe([
      'Expired waivers (cover nothing):',
      '  tr-ankara-kizilay  /procedures/complaints/steps/apologize  valid until 2026-03-31  approved by Mehmet Aydın, Regional Operations Manager, Türkiye',
      'Unused waivers:',
      '  gb-london-camden   /procedures/returns/windowDays          valid until 2027-01-31  approved by Helen Marsh, Retail Operations Director, UK & Ireland',
      '',
      '✖ 19 findings · 15 errors, 3 warnings, and 1 info finding · branches conforming: 3 of 13 · 1 finding waived',
      'wrote reports/report.json',
      'wrote reports/report.md',
      'wrote 13 branch pages in reports/branches/',
      'wrote reports/index.html',
      '',
      `Open the report: ${href}`,
      '',
    ].join('\n'));
  });

  it('in Turkish', () => {
    const { stdout, href } = report('tr');
    expect(stdout.split('\n').slice(-7)).toEqual([
      'reports/report.json dosyası yazıldı',
      'reports/report.md dosyası yazıldı',
      'reports/branches/ klasörüne 13 şube sayfası yazıldı',
      'reports/index.html dosyası yazıldı',
      '',
      `Raporu açın: ${href}`,
      '',
    ]);
    expect(stdout).toContain('Süresi dolmuş muafiyetler (hiçbir şeyi kapsamıyor):\n');
    expect(stdout).not.toMatch(/\bwrote\b|Open the report/);
  });

  it('with the plural form the page count takes', () => {
    expect(report('en', 'gb-london-camden.json').stdout).toContain('\nwrote 1 branch page in reports/branches/\n');
    expect(report('hi', 'gb-london-camden.json').stdout).toContain('\nreports/branches/ फ़ोल्डर में 1 शाखा पृष्ठ लिखा गया\n');
    const hi = report('hi').stdout;
    expect(hi).toContain('\nreports/branches/ फ़ोल्डर में 13 शाखा पृष्ठ लिखे गए\n');
    expect(hi).toContain('\nreports/report.json फ़ाइल लिखी गई\n');
    expect(hi).toMatch(/\nरिपोर्ट खोलें: file:\/\/\S+\/reports\/index\.html\n$/);
  });
});
