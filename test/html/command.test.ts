/** `sopaudit report` writing the HTML report: what it prints, where it writes, and what it leaves behind. */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { STAMPS_FILE } from '../../src/cli/commands/report';
import { copyBundledWorkspace, runCli, tempDir } from '../helpers/workspace';
import { TODAY, buildHtml } from './helpers';

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

  it('writes every branch page exactly as the pages are built from each branch\'s own file', () => {
    // The pages get what the audit kept of each branch (its step lists with findings) and read a file again only for a JSON problem: the same bytes as pages built from the whole file.
    const workspace = copyBundledWorkspace();
    const out = tempDir();
    expect(runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]).code).toBe(0);
    const built = buildHtml(workspace);
    built.report.branches.forEach((_, i) => {
      const written = fs.readFileSync(path.join(out, built.html.branchPages[i]), 'utf8');
      expect(written).toBe(built.html.branchPage(i, built.input(i)));
    });
  });

  it('leaves the pages that did not change alone on the next run, and rewrites the ones that did', () => {
    const workspace = copyBundledWorkspace();
    const out = tempDir();
    expect(runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]).code).toBe(0);
    const stat = (page: string) => {
      const s = fs.statSync(path.join(out, 'branches', page));
      return [s.ino, s.mtimeMs];
    };
    const before = { camden: stat('gb-london-camden.html'), izmir: stat('tr-izmir-alsancak.html') };
    const file = path.join(workspace, 'branches', 'gb-london-camden.json');
    const branch = JSON.parse(fs.readFileSync(file, 'utf8'));
    branch.procedures.phoneSupport.holdMaxSeconds = 75;
    fs.writeFileSync(file, JSON.stringify(branch, null, 2));
    expect(runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]).code).toBe(0);
    expect(stat('tr-izmir-alsancak.html')).toEqual(before.izmir);
    expect(stat('gb-london-camden.html')).not.toEqual(before.camden);
    expect(fs.readFileSync(path.join(out, 'branches', 'gb-london-camden.html'), 'utf8')).toContain('75');
  });

  it('keeps the pages\' stamps beside them, and writes again a page removed by hand', () => {
    const workspace = copyBundledWorkspace();
    const out = tempDir();
    expect(runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]).code).toBe(0);
    const stamps = JSON.parse(fs.readFileSync(path.join(out, STAMPS_FILE), 'utf8'));
    expect(Object.keys(stamps.files)).toHaveLength(13);
    expect(stamps.files['branches/gb-london-camden.html']).toEqual(expect.objectContaining({ size: fs.statSync(path.join(out, 'branches', 'gb-london-camden.html')).size }));
    const page = path.join(out, 'branches', 'gb-london-camden.html');
    const content = fs.readFileSync(page, 'utf8');
    fs.rmSync(page);
    expect(runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]).code).toBe(0);
    expect(fs.readFileSync(page, 'utf8')).toBe(content);
  });

  it('still writes a whole report when the stamps cannot be saved, and says so', () => {
    const workspace = copyBundledWorkspace();
    const out = tempDir();
    fs.mkdirSync(path.join(out, STAMPS_FILE)); // a folder where the stamps file should go
    const result = runCli(['report', '--workspace', workspace, '--out', out, '--today', TODAY]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^sopaudit: warning: could not save .*\.sopaudit-pages\.json \(\w+\); the next report compares its pages as text\n$/);
    expect(fs.readdirSync(path.join(out, 'branches'))).toHaveLength(13);
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
  });
});
