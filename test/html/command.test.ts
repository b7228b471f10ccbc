/** `sopaudit report` writing the HTML report: what it prints, where it writes, and what it leaves behind. */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyBundledWorkspace, runCli, tempDir } from '../helpers/workspace';
import { TODAY } from './helpers';

describe('sopaudit report', () => {
  it('writes the overview, one page per branch and the stylesheet, and says where the overview is', () => {
    const workspace = copyBundledWorkspace();
    const result = runCli(['report', '--workspace', workspace, '--today', TODAY], { cwd: workspace });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('wrote reports/index.html\n');
    expect(result.stdout).toContain('wrote 13 branch pages in reports/branches/\n');
    expect(result.stdout).toContain(`Open the report: ${pathToFileURL(path.join(workspace, 'reports', 'index.html')).href}\n`);
    const reports = path.join(workspace, 'reports');
    expect(fs.readdirSync(reports)).toEqual(expect.arrayContaining(['index.html', 'report.css', 'report.json', 'branches']));
    expect(fs.readdirSync(path.join(reports, 'branches'))).toHaveLength(13);
    expect(fs.readFileSync(path.join(reports, 'index.html'), 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="en"/);
    // No temporary file of the atomic writes is left behind.
    expect(fs.readdirSync(path.join(reports, 'branches')).filter((f) => !f.endsWith('.html'))).toEqual([]);
  });

  it('writes the pages in the chosen locale', () => {
    const workspace = copyBundledWorkspace();
    const out = tempDir();
    expect(runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY, '--locale', 'hi']).code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(/<html lang="hi"/);
    expect(fs.readFileSync(path.join(out, 'branches', 'in-delhi-connaught.html'), 'utf8')).toMatch(/<html lang="hi"/);
  });

  it('removes the page of a branch that is gone, and nothing else', () => {
    const workspace = copyBundledWorkspace();
    const out = tempDir();
    expect(runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]).code).toBe(0);
    fs.writeFileSync(path.join(out, 'branches', 'notes.txt'), 'mine');
    fs.rmSync(path.join(workspace, 'branches', 'gb-london-camden.json'));
    expect(runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]).code).toBe(0);
    const pages = fs.readdirSync(path.join(out, 'branches'));
    expect(pages).not.toContain('gb-london-camden.html');
    expect(pages).toContain('notes.txt');
    expect(pages.filter((p) => p.endsWith('.html'))).toHaveLength(12);
  });
});
