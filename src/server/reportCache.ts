/**
 * The report document, kept current one branch at a time. Each branch's
 * audit is kept with its result (waivers applied, messages worded, findings
 * sorted) and that result's JSON as UTF-8 bytes; an upload replaces one
 * branch, and the document is the same bytes `buildReport` would give for
 * all branches (a test checks), assembled from the kept bytes: the summary
 * is a sum over kept counts and the waiver lists come from the engine's
 * WaiverBook fed the waived findings. No branch is audited again. When the
 * day changes, every result is rebuilt from its audit (waivers expire by
 * day).
 *
 * Bytes rather than strings: joining 10 000 JSON strings into one of 6 MB
 * measured 35–150 ms (the garbage collector); copying Buffers 2–15 ms.
 */
import { randomBytes } from 'node:crypto';
import { buildReport, tally, tidyWaiver, type BranchAudit, type BranchResult, type Finding, type Report, type Waiver } from '../engine';
import { WaiverBook } from '../engine/waivers';
import type { Translator } from '../i18n';

export interface CacheSetup {
  tool: Report['tool'];
  standard: Report['standard'];
  waivers: readonly Waiver[];
  waiverNoticeDays: number;
  translator: Translator;
  /** Today's date, YYYY-MM-DD (the injectable clock). */
  today: () => string;
}

export interface BranchEntry {
  id: string;
  file: string;
  version: number;
  updatedAt: string;
  audit: BranchAudit;
}

export interface BranchState extends BranchEntry {
  result: BranchResult;
  /** `result` as JSON, UTF-8. */
  json: Buffer;
  counts: { error: number; warning: number; info: number };
  waived: Finding[];
}

type Waivers = Report['waivers'];

const COMMA = Buffer.from(',');

export class ReportCache {
  private readonly states = new Map<string, BranchState>();
  /** Branch ids in code-unit order (the report's order). */
  private readonly order: string[] = [];
  private day: string;
  private document?: Buffer;
  private revision = 0;
  private readonly instance = randomBytes(4).toString('hex');

  constructor(private readonly setup: CacheSetup) {
    this.day = setup.today();
  }

  /** One branch's result as the report shows it today. */
  resultOf(audit: BranchAudit): BranchResult {
    return this.reportOf([audit]).branches[0];
  }

  /**
   * A report document of only these audits, as of today, its messages in
   * the translator's locale (the pages' language may differ from the
   * workspace's); it is not kept.
   */
  reportOf(audits: BranchAudit[], translator: Translator = this.setup.translator): Report {
    return buildReport({
      tool: this.setup.tool,
      standard: this.setup.standard,
      audits,
      waivers: this.setup.waivers,
      today: this.currentDay(),
      waiverNoticeDays: this.setup.waiverNoticeDays,
      translator,
      complete: false,
    });
  }

  /** The audit day, YYYY-MM-DD. */
  get today(): string {
    return this.currentDay();
  }

  /**
   * Puts a branch's version in the report, unless a later version of it is
   * already there (uploads may finish out of order).
   */
  put(entry: BranchEntry, result?: BranchResult): BranchState {
    this.currentDay();
    const existing = this.states.get(entry.id);
    if (existing && existing.version > entry.version) return existing;
    const state = this.stateOf(entry, result ?? this.resultOf(entry.audit));
    if (!existing) this.order.splice(insertionPoint(this.order, entry.id), 0, entry.id);
    this.states.set(entry.id, state);
    this.changed();
    return state;
  }

  get(id: string): BranchState | undefined {
    this.currentDay();
    return this.states.get(id);
  }

  /** Every branch in id order (or only the one given). */
  list(only?: string): BranchState[] {
    this.currentDay();
    if (only !== undefined) {
      const state = this.states.get(only);
      return state ? [state] : [];
    }
    return this.order.map((id) => this.states.get(id)!);
  }

  get size(): number {
    return this.states.size;
  }

  /**
   * A tag that changes whenever the document does (for ETag): per process,
   * day and change; for one branch's view, per its version instead, so it
   * tells nothing of other branches' changes.
   */
  tag(only?: string): string {
    this.currentDay();
    if (only === undefined) return `${this.instance}-${this.day}-${this.revision}`;
    return `${this.instance}-${this.day}-${only}-${this.states.get(only)?.version ?? 0}`;
  }

  /** The whole report document as JSON, assembled once per change. */
  report(): Buffer {
    this.currentDay();
    this.document ??= this.assemble(this.list(), (book) => book.lists('all'));
    return this.document;
  }

  /**
   * The report as one branch sees it: only its own result, its own summary,
   * and only the waivers that name it (or every branch).
   */
  branchReport(id: string): Buffer {
    // The engine already lists only the waivers of the branches given (and `*`).
    return this.assemble(this.list(id), (book) => book.lists(new Set([id])));
  }

  private assemble(states: BranchState[], lists: (book: WaiverBook) => Waivers): Buffer {
    const summary: Report['summary'] = { branches: states.length, conforming: 0, findings: { error: 0, warning: 0, info: 0 }, waived: 0 };
    const book = new WaiverBook(this.setup.waivers, this.day, this.setup.waiverNoticeDays);
    for (const state of states) {
      if (state.result.score === 100) summary.conforming++;
      summary.findings.error += state.counts.error;
      summary.findings.warning += state.counts.warning;
      summary.findings.info += state.counts.info;
      summary.waived += state.waived.length;
      for (const finding of state.waived) book.covers(finding);
    }
    const found = lists(book);
    const waivers: Waivers = { expired: found.expired.map(tidyWaiver), expiring: found.expiring.map(tidyWaiver), unused: found.unused.map(tidyWaiver) };
    const head = '{"tool":' + JSON.stringify({ name: this.setup.tool.name, version: this.setup.tool.version })
      + ',"standard":' + JSON.stringify({ file: this.setup.standard.file, version: this.setup.standard.version })
      + ',"summary":' + JSON.stringify(summary) + ',"branches":[';
    const parts: Buffer[] = [Buffer.from(head)];
    for (let i = 0; i < states.length; i++) {
      if (i > 0) parts.push(COMMA);
      parts.push(states[i].json);
    }
    parts.push(Buffer.from('],"waivers":' + JSON.stringify(waivers) + '}'));
    return Buffer.concat(parts);
  }

  private stateOf(entry: BranchEntry, result: BranchResult): BranchState {
    const { error, warning, info } = tally(result.findings);
    const waived = result.findings.filter((finding) => finding.waived);
    return { ...entry, result, json: Buffer.from(JSON.stringify(result)), counts: { error, warning, info }, waived };
  }

  /** The day, after rebuilding every result when it has changed since the last call. */
  private currentDay(): string {
    const today = this.setup.today();
    if (today !== this.day) {
      this.day = today;
      for (const [id, state] of this.states) this.states.set(id, this.stateOf(state, this.resultOf(state.audit)));
      this.changed();
    }
    return this.day;
  }

  private changed(): void {
    this.document = undefined;
    this.revision++;
  }
}

function insertionPoint(sorted: readonly string[], id: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < id) low = mid + 1;
    else high = mid;
  }
  return low;
}
