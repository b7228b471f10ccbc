/**
 * Writes the HTML report's branch pages, spread over threads like the audit
 * (workspace/threads.ts). Each page gets what the audit handed over of its
 * branch (its name, the step lists it has findings in); only the page of a
 * file that is not JSON reads it again, to show the lines around the problem.
 * The main thread and the page workers run the same PageWriter on plain
 * data, so the pages are the same bytes whatever the number of threads.
 */
import path from 'node:path';
import { isBroken } from '../../report/summary';
import type { BranchResult, Report, Waiver } from '../../engine';
import { translator } from '../../i18n';
import { HtmlReport, branchInputFrom, type BranchInput, type KeyedList, type PlaceTitle } from '../../report/html';
import type { AuditRun } from '../../workspace/run';
import { writeFileIfChanged } from '../../workspace/files';
import { readDocument } from '../../workspace/load';
import { writeStamped, type FileStamp } from '../../workspace/stamps';
import { inThreads } from '../../workspace/threads';

/** Everything a thread needs to write branch pages: plain data, so it can cross to a worker. */
export interface PageSetup {
  report: Report;
  standard: unknown;
  lists: readonly KeyedList[];
  titles: readonly PlaceTitle[];
  waivers: readonly Waiver[];
  today: string;
  locale: string;
  /** The reports folder. */
  out: string;
  workspace: string;
}

/** One page to write: the branch's index in the report, what the audit handed over of it, and the page's stamp from the last run. */
export interface PageItem {
  index: number;
  name?: string;
  ownLists?: Record<string, unknown>;
  stamp?: FileStamp;
}

/**
 * Report files are regenerated on every run: written atomically, without an
 * fsync each, and not at all when a file already holds the same bytes.
 */
export function writeRegenerated(file: string, content: string): void {
  writeFileIfChanged(file, content, { durable: false });
}

const WORKER_FILE = path.join(__dirname, 'reportPageWorker.js');
const PAGES_PER_BATCH = 32;

export class PageWriter {
  readonly html: HtmlReport;

  constructor(readonly setup: PageSetup) {
    this.html = new HtmlReport(setup.report, {
      translator: translator(setup.locale),
      standard: setup.standard,
      lists: setup.lists,
      titles: setup.titles,
      waivers: setup.waivers,
      today: setup.today,
    });
  }

  /**
   * Writes the pages of these branches, except those that already hold what
   * they would get; returns each page's stamp for the next run (undefined
   * when another writer replaced the page meanwhile).
   */
  write(items: readonly PageItem[]): Array<FileStamp | undefined> {
    return items.map((item) => {
      const input = this.input(this.setup.report.branches[item.index], item);
      const file = path.join(this.setup.out, this.html.branchPages[item.index]);
      return writeStamped(file, this.html.branchPage(item.index, input), item.stamp);
    });
  }

  /**
   * What a branch page shows of the branch's own file: its name and the step
   * lists it has findings in (both from the audit), or its text when it is
   * not JSON, read again only for that page.
   */
  private input(branch: BranchResult, item: PageItem): BranchInput {
    return branchInputFrom(item, branch.findings.some(isBroken) ? this.source(branch.file) : undefined);
  }

  /** A broken file's text, read again for its page; undefined when it is gone, unreadable, or JSON after all (the page then shows the findings only). */
  private source(file: string): string | undefined {
    try {
      const document = readDocument(path.resolve(this.setup.workspace, file));
      return document.problem ? document.text : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Writes every branch page with `jobs` threads, given the stamps of the last
 * run by page (see workspace/stamps.ts); returns the pages' new stamps, in
 * the report's order.
 */
export function writeBranchPages(
  writer: PageWriter,
  run: Pick<AuditRun, 'names' | 'ownLists'>,
  stamps: ReadonlyMap<string, FileStamp>,
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Array<FileStamp | undefined>> {
  const { setup } = writer;
  const items = setup.report.branches.map((branch, index): PageItem => {
    const item: PageItem = { index };
    const name = run.names.get(branch.file);
    const ownLists = run.ownLists.get(branch.file);
    const stamp = stamps.get(writer.html.branchPages[index]);
    if (name !== undefined) item.name = name;
    if (ownLists !== undefined) item.ownLists = ownLists;
    if (stamp !== undefined) item.stamp = stamp;
    return item;
  });
  return inThreads({
    workerFile: WORKER_FILE,
    workerData: setup,
    items,
    jobs,
    batch: PAGES_PER_BATCH,
    here: (batch) => writer.write(batch),
    onProgress,
  });
}
