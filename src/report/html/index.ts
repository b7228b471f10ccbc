/**
 * The HTML report (`sopaudit report`): an overview page, one page per
 * branch, and a stylesheet beside them. Pure: the report document and what
 * the shell brings (the standard, the waivers, each branch's step lists as
 * the audit kept them) go in, HTML text comes out; the shell writes the
 * files, one branch page at a time, so a chain of 10 000 branches never
 * holds every page in memory.
 *
 * Layout of the reports folder:
 *   index.html                 the overview
 *   report.css                 the one stylesheet (pages work from file://)
 *   branches/<stem>.html       one per branch; <stem> from `branchPageNames`
 *   all-branches-<n>.html      the A–Z list, only when the ranking is cut short
 */
import type { Report } from '../../engine';
import { ReportModel, type BranchInput, type HtmlContext } from './model';
import { templates } from './templates';

export { keyedLists, type KeyedList } from '../../engine';
export { placeTitles, type PlaceTitle } from './titles';
export { procedureAreas, type Area } from '../areas';
export { branchPageNames, safeStem } from './names';
export { HEATMAP_LIMIT, RANKING_LIMIT, ReportModel, branchInputFrom, type BranchInput, type HtmlContext } from './model';

export const OVERVIEW_PAGE = 'index.html';
export const STYLESHEET = 'report.css';

export class HtmlReport {
  readonly model: ReportModel;
  private readonly templates = templates();

  constructor(report: Report, private readonly context: HtmlContext) {
    this.model = new ReportModel(report, context);
  }

  /** Every branch's page, relative to the reports folder, in the report's order. */
  get branchPages(): readonly string[] {
    return this.model.pages;
  }

  branchPage(index: number, input: BranchInput = {}): string {
    return this.templates.render('branch', this.model.branch(index, input), this.context.translator);
  }

  /** The overview; `names` are the branches' display names, in the report's order. */
  overview(names: readonly (string | undefined)[] = []): string {
    return this.templates.render('overview', this.model.overview(names), this.context.translator);
  }

  /** The pages of the A–Z list of every branch: none unless the overview's ranking is cut short. */
  *listPages(names: readonly (string | undefined)[] = []): Generator<{ file: string; html: string }> {
    for (let n = 1; n <= this.model.listPageCount(); n++) {
      yield { file: ReportModel.listPageName(n), html: this.templates.render('list', this.model.listPage(n, names), this.context.translator) };
    }
  }

  stylesheet(): string {
    return this.templates.css;
  }
}
