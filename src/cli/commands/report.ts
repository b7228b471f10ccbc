/**
 * `sopaudit report [--out DIR]`: audits the workspace and writes the report
 * files into the reports folder: report.json, report.md, and the HTML report
 * (an overview, index.html, and one page per branch under branches/, with
 * their stamps in .sopaudit-pages.json). It prints a short summary and where
 * the overview is. Divergences are the report's content, not a failure: it
 * exits 0 once the files are written.
 *
 * The HTML formats are pure; this shell brings what they need (the standard,
 * the waivers, the step lists of branch documents that the audit handed
 * over) and writes the pages one branch at a time: whole documents are
 * never held, only the lists that pages lay side by side.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { translator } from '../../i18n';
import { FORMATTERS } from '../../report';
import { procedureAreas } from '../../report/areas';
import { OVERVIEW_PAGE, STYLESHEET, placeTitles } from '../../report/html';
import type { ResolvedConfig } from '../../workspace/config';
import { relativePosix } from '../../workspace/files';
import { readStamps, writeStamps, type FileStamp } from '../../workspace/stamps';
import { defaultJobs } from '../../workspace/jobs';
import { runAudit, type AuditRun } from '../../workspace/run';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import { progressBar } from '../progress';
import { resolvePath, resolveWorkspace, today, type CommonOptions } from '../options';
import { PageWriter, writeBranchPages, writeRegenerated, type PageSetup } from './reportPages';
import { printWarnings } from './shared';

/**
 * The stamps of the branch pages written last time, in the reports folder,
 * so that an unchanged page is neither rewritten nor read back.
 */
export const STAMPS_FILE = '.sopaudit-pages.json';

export interface ReportOptions extends CommonOptions {
  out?: string;
  jobs?: number;
}

export async function report(options: ReportOptions, context: CliContext): Promise<number> {
  const config = resolveWorkspace(options, context);
  const out = options.out !== undefined ? resolvePath(context, options.out) : config.reports;
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file; name a folder`);
  const day = today(options, context);
  const progress = progressBar(context, 'auditing');
  // The audit hands over the lists the pages lay side by side, so that the pages need not read the branch files again.
  const run = await runAudit(config, { today: day, jobs: options.jobs, keepOwnLists: true, onProgress: progress.update }).finally(progress.stop);
  printWarnings(run.warnings, context);
  const t = translator(config.locale);
  const write = (name: string, content: string) => writeRegenerated(path.join(out, name), content);
  const formatContext = { translator: t, color: false, areas: procedureAreas(run.auditor.standard) };

  write('report.json', FORMATTERS.json(run.report, formatContext));
  write('report.md', FORMATTERS.markdown(run.report, formatContext));
  const pages = await writeHtml(run, config, out, day, options.jobs ?? defaultJobs(run.report.branches.length), context);

  const shown = (name: string) => relativePosix(context.cwd, path.join(out, name));
  context.stdout.write(FORMATTERS.text({ ...run.report, branches: [] }, { translator: t, color: false }));
  context.stdout.write(`${t.t('report.wrote', { file: shown('report.json') })}\n`);
  context.stdout.write(`${t.t('report.wrote', { file: shown('report.md') })}\n`);
  context.stdout.write(`${t.t('report.wrotePages', { count: pages, folder: `${shown('branches')}/` })}\n`);
  context.stdout.write(`${t.t('report.wrote', { file: shown(OVERVIEW_PAGE) })}\n`);
  context.stdout.write(`\n${t.t('report.open', { url: pathToFileURL(path.join(out, OVERVIEW_PAGE)).href })}\n`);
  return EXIT.ok;
}

/** Writes the HTML report (pages unchanged since the last run are left as they are); returns how many branch pages the report has. */
async function writeHtml(run: AuditRun, config: ResolvedConfig, out: string, day: string, jobs: number, context: CliContext): Promise<number> {
  const { report, auditor } = run;
  const setup: PageSetup = {
    report,
    standard: auditor.standard,
    lists: auditor.keyedLists,
    titles: placeTitles(auditor.checker.tree.root, auditor.standard),
    waivers: run.waivers,
    today: day,
    locale: config.locale,
    out,
    workspace: config.dir,
  };
  const writer = new PageWriter(setup);
  const { html } = writer;
  const progress = progressBar(context, 'writing pages');
  const stampsFile = path.join(out, STAMPS_FILE);
  const stamps = await writeBranchPages(writer, run, readStamps(stampsFile), jobs, progress.update).finally(progress.stop);
  const names = report.branches.map((branch) => run.names.get(branch.file));
  removeStale(path.join(out, 'branches'), /\.html$/, new Set(html.branchPages.map((page) => path.basename(page))));
  writeRegenerated(path.join(out, STYLESHEET), html.stylesheet());
  const listPages = new Set<string>();
  for (const page of html.listPages(names)) {
    writeRegenerated(path.join(out, page.file), page.html);
    listPages.add(page.file);
  }
  removeStale(out, /^all-branches-\d+\.html$/, listPages);
  // The overview last: once it is there, every page it links to is too.
  writeRegenerated(path.join(out, OVERVIEW_PAGE), html.overview(names));
  saveStamps(stampsFile, html.branchPages, stamps, context);
  return report.branches.length;
}

/** The stamps are a cache: a report whose stamps cannot be saved is still complete, and the next run compares its pages as text. */
function saveStamps(file: string, pageFiles: readonly string[], pageStamps: ReadonlyArray<FileStamp | undefined>, context: CliContext): void {
  const stamps = new Map<string, FileStamp>();
  pageStamps.forEach((stamp, i) => {
    if (stamp) stamps.set(pageFiles[i], stamp);
  });
  try {
    writeStamps(file, stamps);
  } catch (error) {
    printWarnings([`could not save ${relativePosix(context.cwd, file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next report compares its pages as text`], context);
  }
}

/** Pages of an earlier run that this run did not write (a branch gone, a shorter A–Z list): only files matching `pattern`. */
function removeStale(folder: string, pattern: RegExp, keep: ReadonlySet<string>): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (pattern.test(entry) && !keep.has(entry)) fs.rmSync(path.join(folder, entry), { force: true });
  }
}
