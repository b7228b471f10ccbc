/**
 * Writes the HTML report's branch pages, spread over threads like the audit
 * (workspace/threads.ts): each page reads its branch's file again (the audit
 * keeps findings, not documents), renders it and writes it. The main thread
 * and the page workers run the same PageWriter on plain data, so the pages
 * are the same bytes whatever the number of threads.
 */
import path from 'node:path';
import type { BranchResult, Report, Waiver } from '../../engine';
import { translator } from '../../i18n';
import { HtmlReport, pageReadsFile, type BranchInput, type KeyedList, type PlaceTitle } from '../../report/html';
import { writeFileIfChanged } from '../../workspace/files';
import { readDocument } from '../../workspace/load';
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
  /** Display names by branch file, from the audit. */
  names: ReadonlyMap<string, string>;
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

  constructor(private readonly setup: PageSetup) {
    this.html = new HtmlReport(setup.report, {
      translator: translator(setup.locale),
      standard: setup.standard,
      lists: setup.lists,
      titles: setup.titles,
      waivers: setup.waivers,
      today: setup.today,
    });
  }

  /** Writes the pages of these branches (indices into the report); returns their display names. */
  write(indices: readonly number[]): Array<string | undefined> {
    return indices.map((i) => {
      const input = this.input(this.setup.report.branches[i]);
      writeRegenerated(path.join(this.setup.out, this.html.branchPages[i]), this.html.branchPage(i, input));
      return input.name;
    });
  }

  /**
   * What a branch page shows of the branch's own file: its name (from the
   * audit), its document when a step list has findings to lay side by side,
   * or its text when it is not JSON. Only those pages read the file again.
   */
  private input(branch: BranchResult): BranchInput {
    const name = this.setup.names.get(branch.file);
    if (!pageReadsFile(branch, this.setup.lists)) return name === undefined ? {} : { name };
    let document;
    try {
      document = readDocument(path.resolve(this.setup.workspace, branch.file));
    } catch {
      return name === undefined ? {} : { name }; // Gone or unreadable since the audit: the page shows the findings only.
    }
    if (document.problem) return { source: document.text };
    return name === undefined ? { document: document.value } : { document: document.value, name };
  }
}

/** Writes every branch page with `jobs` threads; returns the display names in the report's order. */
export function writeBranchPages(
  writer: PageWriter,
  setup: PageSetup,
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Array<string | undefined>> {
  const indices = setup.report.branches.map((_, i) => i);
  return inThreads({
    workerFile: WORKER_FILE,
    workerData: setup,
    items: indices,
    jobs,
    batch: PAGES_PER_BATCH,
    here: (batch) => writer.write(batch),
    onProgress,
  });
}
