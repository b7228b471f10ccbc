/**
 * The page models: the report document (plus what the shell read for us)
 * turned into exactly what each template shows, already counted, sorted,
 * worded and formatted. Templates then only lay it out and escape it.
 */
import type { BranchAudit, BranchResult, Finding, Kind, Report, Severity, Waiver } from '../../engine';
import { messageParts, pluralTemplates, type MessageId, type MessagePart, type PluralTemplate, type Translator } from '../../i18n';
import { AreaIndex, procedureAreas } from '../areas';
import { Formats, humanize, pretty, worse } from './format';
import { isBroken } from '../summary';
import { compareList, type ListView } from './lists';
import { ANY_ITEM, titlesIn, type PlaceTitle } from './titles';
import { WHOLE_DOCUMENT, areaAnchors, branchPageNames, pageUrl } from './names';
import { SEVERITIES, daysLeft, escapeToken, findingsInList, isExpired, parsePointer, valueAtAuditPath, waiverNames, type KeyedList } from '../../engine';
import { excerptAround, type ExcerptLine } from './excerpt';

/** What the pages need beyond the report document, read by the shell once per run. */
export interface HtmlContext {
  translator: Translator;
  /** Head office's standard document: its areas, and the standard side of step lists. */
  standard: unknown;
  /** The standard's keyed lists (see `keyedLists`). */
  lists: readonly KeyedList[];
  /** Names the schema gives places (see `placeTitles`); property names are shown as words where it gives none. */
  titles?: readonly PlaceTitle[];
  /** Every waiver of the workspace, to show the one behind each waived finding. */
  waivers: readonly Waiver[];
  /** The day of the audit, YYYY-MM-DD. */
  today: string;
  /** The translator's locale's formats, when the shell keeps one per locale (the server builds a model per page). */
  formats?: Formats;
}

/** What a branch's page shows of its own file, beside the findings. */
export interface BranchInput {
  /**
   * The branch's own keyed lists that have findings in them, by audit path,
   * as the audit handed them over (BranchAudit.ownLists).
   */
  ownLists?: Readonly<Record<string, unknown>>;
  /** The branch's display name (BranchAudit.name). */
  name?: string;
  /** The file's text, only when it is not usable JSON: the page shows the lines around the problem. */
  source?: string;
}

/**
 * A branch page's input from the branch's audit (run with `keepOwnLists`),
 * or from `source`, the file's text, which the shell reads again only for a
 * file that is not usable JSON.
 */
export function branchInputFrom(audit: Pick<BranchAudit, 'name' | 'ownLists'>, source?: string): BranchInput {
  if (source !== undefined) return { source };
  const input: BranchInput = {};
  if (audit.name !== undefined) input.name = audit.name;
  if (audit.ownLists !== undefined) input.ownLists = audit.ownLists;
  return input;
}

/** Rows the ranking shows before it asks the reader to filter. */
export const RANKING_LIMIT = 200;
/** Branch rows in the heatmap. */
export const HEATMAP_LIMIT = 50;
/** Rows of "what to retrain". */
export const RETRAIN_LIMIT = 20;
/** A point of the standard is a training topic when at least this many branches miss it. */
export const RETRAIN_MIN_BRANCHES = 2;
/** Branches named per retrain row before "+N more". */
export const RETRAIN_NAMED = 12;
/** Branches per page of the A–Z list, written when the ranking is cut short. */
export const LIST_PAGE_SIZE = 1000;

export type Status = 'conforms' | 'diverges' | 'invalid' | 'broken';

/** Per branch, what the overview shows of it. */
interface BranchStats {
  index: number;
  branch: BranchResult;
  page: string;
  open: Record<Severity, number>;
  waived: number;
  worst?: Severity;
  status: Status;
  /** Open findings per area index (-1: outside every area). */
  areas: Map<number, { count: number; worst: Severity }>;
}

/**
 * One run's HTML report: file names, areas and per-branch statistics worked
 * out once from the report document; then one model per page on demand, so
 * the shell can render and write branch pages one at a time.
 */
export class ReportModel {
  readonly pages: string[];
  readonly areas: AreaIndex;
  private readonly stats: BranchStats[];
  private readonly formats: Formats;
  private readonly listPaths: Map<string, string>;
  private readonly anchors: string[];
  /** Audit path → the schema's name for the place, in the reader's language. */
  private readonly titles: Map<string, string>;
  private readonly labels = new Map<MessageId, string>();
  private readonly places = new Map<string, string>();

  constructor(
    readonly report: Report,
    readonly context: HtmlContext,
  ) {
    this.pages = branchPageNames(report.branches);
    this.areas = new AreaIndex(procedureAreas(context.standard));
    this.anchors = areaAnchors(this.areas.areas);
    this.formats = context.formats ?? new Formats(context.translator.locale);
    this.listPaths = new Map(context.lists.map((list) => [list.path, list.key]));
    this.titles = titlesIn(context.titles ?? [], context.translator.locale);
    this.stats = report.branches.map((branch, index) => this.statsOf(branch, index));
  }

  private statsOf(branch: BranchResult, index: number): BranchStats {
    const open: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    const areas = new Map<number, { count: number; worst: Severity }>();
    let waived = 0;
    let worst: Severity | undefined;
    for (const finding of branch.findings) {
      if (finding.waived) {
        waived++;
        continue;
      }
      open[finding.severity]++;
      worst = worse(worst, finding.severity);
      const area = this.areas.indexOf(finding.path);
      const cell = areas.get(area);
      if (cell) {
        cell.count++;
        cell.worst = worse(cell.worst, finding.severity);
      } else {
        areas.set(area, { count: 1, worst: finding.severity });
      }
    }
    const status: Status = branch.findings.some(isBroken) ? 'broken' : !branch.valid ? 'invalid' : branch.score === 100 ? 'conforms' : 'diverges';
    return { index, branch, page: this.pages[index], open, waived, worst, status, areas };
  }

  private t(id: MessageId, params?: Record<string, string | number>): string {
    if (params) return this.context.translator.t(id, params);
    // Labels without parameters (a severity, a kind, "waived") appear on every row of every page.
    let label = this.labels.get(id);
    if (label === undefined) {
      label = this.context.translator.t(id);
      this.labels.set(id, label);
    }
    return label;
  }

  /** Whole messages joined as one list, in the locale's list format ("a, b, and c"). */
  private list(items: string[]): string {
    return new Intl.ListFormat(this.context.translator.locale, { type: 'conjunction', style: 'long' }).format(items);
  }

  private statusLabel(status: Status): string {
    return this.t(`html.status.${status}` as MessageId);
  }

  /** Branches worst first: lowest score, then most errors, then id. */
  private ranked(): BranchStats[] {
    return [...this.stats].sort((a, b) =>
      a.branch.score - b.branch.score
      || b.open.error - a.open.error
      || b.open.warning - a.open.warning
      || (a.branch.id < b.branch.id ? -1 : a.branch.id > b.branch.id ? 1 : a.index - b.index));
  }

  /**
   * An audit path in plain words, from its area on: "Phone support › Hold
   * max seconds". Property names are split into words; item keys and
   * values ("inspect-item", "store-credit") stay as written.
   */
  private place(path: string, byIndex = false): string {
    // The same paths come back on page after page: each is put in words once.
    const key = byIndex ? `#${path}` : path;
    let words = this.places.get(key);
    if (words === undefined) {
      words = this.placeInWords(path, byIndex);
      this.places.set(key, words);
    }
    return words;
  }

  private placeInWords(path: string, byIndex: boolean): string {
    const tokens = parsePointer(path);
    if (!tokens || tokens.length === 0) return this.t('html.area.document');
    const area = this.areas.indexOf(path);
    const skip = area === -1 ? 0 : (parsePointer(this.areas.areas[area].path)?.length ?? 1) - 1;
    const words: string[] = [];
    let here = '';
    let value: unknown = this.context.standard;
    tokens.forEach((token, n) => {
      const isItem = Array.isArray(value);
      const index = byIndex && isItem && /^\d+$/.test(token);
      const at = here + '/' + escapeToken(token);
      if (n >= skip) words.push(index ? this.t('html.place.item', { n: Number(token) + 1 }) : isItem ? token : this.titles.get(at) ?? humanize(token));
      if (isItem) {
        const key = index ? undefined : this.listPaths.get(here);
        const list = value as unknown[];
        value = key !== undefined
          ? list.find((item) => item !== null && typeof item === 'object' && String((item as Record<string, unknown>)[key]) === token)
          : /^\d+$/.test(token) ? list[Number(token)] : undefined;
      } else {
        value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[token] : undefined;
      }
      here = at;
    });
    return words.join(' › ');
  }

  private areaLabel(index: number): string {
    if (index === -1) return this.t('html.area.document');
    const area = this.areas.areas[index];
    return this.titles.get(area.path) ?? humanize(area.key);
  }

  private areaAnchorOf(index: number): string {
    return index === -1 ? WHOLE_DOCUMENT : this.anchors[index];
  }

  // ---------------------------------------------------------------- overview

  overview(names: readonly (string | undefined)[] = []): OverviewModel {
    const f = this.formats;
    const s = this.report.summary;
    const ranked = this.ranked();
    const open = s.findings.error + s.findings.warning + s.findings.info;
    const rankingRows = ranked.slice(0, RANKING_LIMIT).map((stats) => this.rankingRow(stats, names, ''));
    const total = this.stats.length;
    const listPages = total > RANKING_LIMIT ? this.listPageLinks() : [];
    return {
      lang: this.context.translator.locale,
      title: this.t('html.overview.title'),
      root: '',
      standard: this.report.standard,
      today: f.date(this.context.today),
      summary: {
        branches: f.number(s.branches),
        conforming: f.number(s.conforming),
        diverging: f.number(s.branches - s.conforming),
        open: f.number(open),
        error: f.number(s.findings.error),
        warning: f.number(s.findings.warning),
        info: f.number(s.findings.info),
        waived: f.number(s.waived),
        unreadable: f.number(this.stats.filter((b) => b.status === 'broken').length),
        invalid: f.number(this.stats.filter((b) => b.status === 'invalid').length),
        conformingCount: messageParts(this.context.translator, 'html.summary.conformingCount', { count: f.number(s.conforming), total: f.number(s.branches) }, 'count'),
        raw: { branches: s.branches, conforming: s.conforming, open, ...s.findings, waived: s.waived },
      },
      ranking: {
        rows: rankingRows,
        total: f.number(total),
        limited: total > RANKING_LIMIT,
        shown: f.number(rankingRows.length),
        data: ranked.map((stats) => [
          stats.branch.id, names[stats.index] ?? '', pageUrl(stats.page), stats.branch.score,
          stats.open.error, stats.open.warning, stats.open.info, stats.waived, stats.status, stats.worst ?? '',
        ]),
        statusLabels: Object.fromEntries((['conforms', 'diverges', 'invalid', 'broken'] as Status[]).map((st) => [st, this.statusLabel(st)])),
        countTemplates: pluralTemplates(this.context.translator.locale, 'html.ranking.count'),
        limit: RANKING_LIMIT,
      },
      heatmap: this.heatmap(ranked, names),
      retrain: this.retrain(),
      waivers: this.waiverLists(),
      listPages,
    };
  }

  private rankingRow(stats: BranchStats, names: readonly (string | undefined)[], root: string): RankingRow {
    const f = this.formats;
    return {
      id: stats.branch.id,
      name: names[stats.index],
      url: root + pageUrl(stats.page),
      score: stats.branch.score,
      scoreText: f.number(stats.branch.score),
      error: f.number(stats.open.error),
      warning: f.number(stats.open.warning),
      info: f.number(stats.open.info),
      waived: f.number(stats.waived),
      raw: { error: stats.open.error, warning: stats.open.warning, info: stats.open.info, waived: stats.waived },
      status: stats.status,
      statusLabel: this.statusLabel(stats.status),
      worst: stats.worst ?? 'none',
    };
  }

  private heatmap(ranked: BranchStats[], names: readonly (string | undefined)[]): HeatmapModel {
    const f = this.formats;
    // Only the areas where some branch has an open finding; the others are named below the table.
    const used = new Set<number>();
    for (const stats of this.stats) for (const area of stats.areas.keys()) used.add(area);
    const columns = this.areas.areas.map((_, i) => i).filter((i) => used.has(i));
    if (used.has(-1)) columns.push(-1);
    const clean = this.areas.areas.map((_, i) => i).filter((i) => !used.has(i)).map((i) => this.areaLabel(i));
    const rows = ranked.slice(0, HEATMAP_LIMIT).map((stats) => ({
      id: stats.branch.id,
      name: names[stats.index],
      url: pageUrl(stats.page),
      score: f.number(stats.branch.score),
      cells: columns.map((area) => {
        const cell = stats.areas.get(area);
        const label = this.areaLabel(area);
        if (!cell) return { count: '', worst: 'none', label: this.t('html.heatmap.clean', { area: label }) };
        return {
          count: f.number(cell.count),
          worst: cell.worst,
          url: pageUrl(stats.page, this.areaAnchorOf(area)),
          label: this.t('html.heatmap.cell', { count: cell.count, area: label, severity: this.t(`severity.${cell.worst}` as MessageId) }),
        };
      }),
    }));
    return {
      columns: columns.map((area) => ({ label: this.areaLabel(area) })),
      rows,
      clean: clean.length > 0 ? this.t('html.heatmap.cleanAreas', { areas: clean.join(', ') }) : undefined,
      limited: this.stats.length > HEATMAP_LIMIT,
      shown: f.number(rows.length),
      total: f.number(this.stats.length),
    };
  }

  /**
   * The standard's paths that the most branches diverge from (open
   * comparison findings; schema and JSON problems are each branch's own).
   * When more than half of the compared branches diverge at one path in the
   * same way (same kind, same value), the standard may be what needs to change.
   */
  private retrain(): RetrainModel {
    const f = this.formats;
    const byPath = new Map<string, { branches: Set<number>; kinds: Map<Kind, number>; ways: Map<string, { finding: Finding; branches: Set<number> }>; expected: unknown; hasExpected: boolean }>();
    let compared = 0;
    for (const stats of this.stats) {
      if (stats.status === 'broken') continue;
      compared++;
      for (const finding of stats.branch.findings) {
        if (finding.waived || finding.kind === 'invalid') continue;
        let entry = byPath.get(finding.path);
        if (!entry) {
          entry = { branches: new Set(), kinds: new Map(), ways: new Map(), expected: finding.expected, hasExpected: 'expected' in finding };
          byPath.set(finding.path, entry);
        }
        if (!entry.branches.has(stats.index)) {
          entry.branches.add(stats.index);
          entry.kinds.set(finding.kind, (entry.kinds.get(finding.kind) ?? 0) + 1);
        }
        const way = JSON.stringify([finding.kind, finding.rule, finding.actual ?? null]);
        const group = entry.ways.get(way);
        if (group) group.branches.add(stats.index);
        else entry.ways.set(way, { finding, branches: new Set([stats.index]) });
      }
    }
    const rows = [...byPath.entries()]
      .filter(([, entry]) => entry.branches.size >= RETRAIN_MIN_BRANCHES)
      .sort(([pa, a], [pb, b]) => b.branches.size - a.branches.size || (pa < pb ? -1 : pa > pb ? 1 : 0))
      .slice(0, RETRAIN_LIMIT)
      .map(([path, entry]) => {
        const indices = [...entry.branches].sort((a, b) => a - b);
        const named = indices.slice(0, RETRAIN_NAMED).map((i) => ({ id: this.stats[i].branch.id, url: pageUrl(this.stats[i].page, this.areaAnchorOf(this.areas.indexOf(path))) }));
        const biggest = [...entry.ways.values()].sort((a, b) => b.branches.size - a.branches.size)[0];
        const consensus = biggest.branches.size >= 2 && biggest.branches.size * 2 > compared
          ? this.t('html.retrain.consensus', { count: f.number(biggest.branches.size), total: f.number(compared), way: this.wayOf(biggest.finding) })
          : undefined;
        const kinds = this.list([...entry.kinds.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([kind, count]) => this.t(`html.retrain.kind.${kind as Exclude<Kind, 'invalid'>}`, { count: f.number(count) })));
        return {
          place: this.place(path),
          path,
          share: messageParts(this.context.translator, 'html.retrain.share', { count: f.number(entry.branches.size), total: f.number(compared) }, 'count'),
          kinds,
          standard: entry.hasExpected && entry.kinds.has('changed') ? pretty(entry.expected) : undefined,
          branches: named,
          more: indices.length > named.length ? this.t('html.retrain.more', { count: f.number(indices.length - named.length) }) : undefined,
          consensus,
        };
      });
    return { rows, consensus: rows.filter((row) => row.consensus).length, anyFinding: byPath.size > 0 };
  }

  private wayOf(finding: Finding): string {
    switch (finding.kind) {
      case 'changed':
        return this.t('html.way.changed', { value: JSON.stringify(finding.actual) ?? '' });
      case 'extra':
        return this.t('html.way.extra');
      case 'missing':
        return this.t('html.way.missing');
      default:
        return this.t('html.way.reordered');
    }
  }

  private waiverLists(): WaiverListsModel {
    const { expired, expiring, unused } = this.report.waivers;
    const byId = new Map<string, string>();
    this.stats.forEach((stats) => {
      if (!byId.has(stats.branch.id)) byId.set(stats.branch.id, stats.page);
    });
    const rows = (list: readonly Waiver[], which: 'expired' | 'expiring' | 'unused'): WaiverRow[] =>
      list.map((waiver) => {
        const page = waiver.branch === '*' ? undefined : byId.get(waiver.branch);
        const days = daysLeft(waiver, this.context.today);
        let when: string | undefined;
        if (which === 'expired' && days < 0) when = this.t('html.waivers.endedAgo', { count: -days });
        else if (which !== 'expired' && days >= 0) when = this.t('html.waivers.daysLeft', { count: days });
        return {
          branch: waiver.branch === '*' ? this.t('html.waivers.everyBranch') : waiver.branch,
          url: page && pageUrl(page),
          place: this.place(waiver.path),
          path: waiver.path,
          kind: waiver.kind && this.t(`html.kind.${waiver.kind}` as MessageId),
          reason: waiver.reason,
          approvedBy: waiver.approvedBy,
          expires: this.formats.date(waiver.expires),
          expiresIso: waiver.expires,
          when,
        };
      });
    return {
      groups: [
        { id: 'waivers-expired', which: 'expired', heading: this.t('html.waivers.expired'), intro: this.t('html.waivers.expiredIntro'), rows: rows(expired, 'expired') },
        { id: 'waivers-expiring', which: 'expiring', heading: this.t('html.waivers.expiring'), intro: this.t('html.waivers.expiringIntro'), rows: rows(expiring, 'expiring') },
        { id: 'waivers-unused', which: 'unused', heading: this.t('html.waivers.unused'), intro: this.t('html.waivers.unusedIntro'), rows: rows(unused, 'unused') },
      ],
      total: expired.length + expiring.length + unused.length,
    };
  }

  // ------------------------------------------------------------- A–Z lists

  /** The pages of the full A–Z list (only written when the ranking is cut short). */
  listPageCount(): number {
    return this.stats.length > RANKING_LIMIT ? Math.ceil(this.stats.length / LIST_PAGE_SIZE) : 0;
  }

  static listPageName(n: number): string {
    return `all-branches-${n}.html`;
  }

  private listPageLinks(): Array<{ url: string; label: string }> {
    const links = [];
    for (let n = 1; n <= this.listPageCount(); n++) {
      const from = (n - 1) * LIST_PAGE_SIZE;
      const to = Math.min(this.stats.length, n * LIST_PAGE_SIZE) - 1;
      links.push({ url: ReportModel.listPageName(n), label: `${this.stats[from].branch.id} – ${this.stats[to].branch.id}` });
    }
    return links;
  }

  listPage(n: number, names: readonly (string | undefined)[] = []): ListPageModel {
    const f = this.formats;
    const from = (n - 1) * LIST_PAGE_SIZE;
    const slice = this.stats.slice(from, from + LIST_PAGE_SIZE);
    return {
      lang: this.context.translator.locale,
      title: this.t('html.list.title', { from: f.number(from + 1), to: f.number(from + slice.length), total: f.number(this.stats.length) }),
      root: '',
      standard: this.report.standard,
      rows: slice.map((stats) => this.rankingRow(stats, names, '')),
      pages: this.listPageLinks().map((link, i) => ({ ...link, current: i + 1 === n })),
    };
  }

  // ------------------------------------------------------------ branch page

  branch(index: number, input: BranchInput = {}): BranchPageModel {
    const f = this.formats;
    const stats = this.stats[index];
    const branch = stats.branch;
    const open = branch.findings.filter((finding) => !finding.waived);
    const waived = branch.findings.filter((finding) => finding.waived);
    // Sections in the standard's order of areas, the whole document last.
    const sections = new Map<number, Finding[]>();
    for (const finding of open) {
      const area = this.areas.indexOf(finding.path);
      const list = sections.get(area);
      if (list) list.push(finding);
      else sections.set(area, [finding]);
    }
    const views = this.listViews(branch, input);
    const order = [...sections.keys()].sort((a, b) => (a === -1 ? Infinity : a) - (b === -1 ? Infinity : b));
    const openCount = open.length;
    let summary: string;
    if (stats.status === 'broken') summary = this.t('html.branch.broken');
    else if (openCount === 0) summary = waived.length > 0 ? this.t('html.branch.conformsWaived', { count: waived.length }) : this.t('html.branch.conforms');
    else summary = this.t('html.branch.diverges', { count: openCount });
    return {
      lang: this.context.translator.locale,
      title: this.t('html.branch.title', { id: branch.id }),
      root: '../',
      standard: this.report.standard,
      today: f.date(this.context.today),
      id: branch.id,
      name: input.name,
      file: branch.file,
      score: f.number(branch.score),
      scoreValue: branch.score,
      status: stats.status,
      statusLabel: this.statusLabel(stats.status),
      worst: stats.worst ?? 'none',
      summary,
      invalidNote: stats.status === 'invalid' ? this.t('html.branch.invalidNote') : undefined,
      counts: SEVERITIES.map((severity) => ({ severity, label: this.t(`html.summary.${severity}` as MessageId), count: f.number(stats.open[severity]) })),
      waivedCount: f.number(waived.length),
      sections: order.map((area) => {
        const findings = sections.get(area)!.sort((a, b) => a.line - b.line || a.column - b.column);
        const lists = views.filter((view) => this.areas.indexOf(view.path) === area && view.open).map((view) => this.listModel(view.view));
        return {
          anchor: this.areaAnchorOf(area),
          heading: this.areaLabel(area),
          count: this.t('html.branch.sectionCount', { count: findings.length }),
          findings: findings.map((finding) => this.findingRow(finding)),
          lists,
        };
      }),
      waived: waived.map((finding) => ({ ...this.findingRow(finding), waiver: this.waiverOf(finding) })),
      waivedLists: views.filter((view) => !view.open).map((view) => this.listModel(view.view)),
      source: input.source !== undefined ? sourceExcerpt(input.source, branch.findings.find(isBroken)) : undefined,
    };
  }

  /** The side-by-side views of the keyed lists this branch has findings in. */
  private listViews(branch: BranchResult, input: BranchInput): Array<{ path: string; open: boolean; view: ListView }> {
    const { ownLists } = input;
    if (ownLists === undefined) return [];
    const out = [];
    for (const list of this.context.lists) {
      const under = findingsInList(branch.findings, list);
      if (under.length === 0) continue;
      const view = compareList(
        list,
        valueAtAuditPath(this.context.standard, list.path, this.listPaths),
        ownLists[list.path],
        under,
      );
      if (view) out.push({ path: list.path, open: under.some((finding) => !finding.waived), view });
    }
    return out;
  }

  private listModel(view: ListView): ListModel {
    const f = this.formats;
    // Each field is named once per list, not once per step.
    const fields = new Map<string, string>();
    const field = (name: string) => {
      let title = fields.get(name);
      if (title === undefined) {
        title = this.titles.get(`${view.path}/${ANY_ITEM}/${escapeToken(name)}`) ?? name;
        fields.set(name, title);
      }
      return title;
    };
    // Side and edge are in the model, not passed to the partial: a partial given parameters copies its whole context per step.
    // Only what the template shows, built field by field (spreading the view into a wider object costs as much as the rest).
    const step = (s: ListView['standard'][number], side: 'standard' | 'branch') => ({
      key: s.key,
      mark: s.mark,
      text: s.text,
      side,
      edge: side === 'branch' ? ' edge' : '',
      details: s.details.map((detail) => ({ name: field(detail.name), value: detail.value })),
      position: f.number(s.position),
      note: s.mark === 'same' ? undefined : this.stepNote(s, side),
      waivedNote: s.waived ? this.t('label.waived') : undefined,
    });
    return {
      heading: this.t('html.steps.heading', { list: this.place(view.path) }),
      path: view.path,
      rows: view.rows.map((row) => ({ standard: row.standard && step(row.standard, 'standard'), branch: row.branch && step(row.branch, 'branch') })),
    };
  }

  private stepNote(step: ListView['standard'][number], side: 'standard' | 'branch'): string {
    const f = this.formats;
    if (step.mark !== 'moved') return this.t(`html.steps.${step.mark}` as MessageId);
    return side === 'standard'
      ? this.t('html.steps.movedFrom', { actual: f.number(step.actual ?? 0) })
      : this.t('html.steps.moved', { expected: f.number(step.expected ?? 0) });
  }

  /** One finding as the findings table shows it (the server's upload pages show findings of two versions). */
  findingRow(finding: Finding): FindingRow {
    const f = this.formats;
    return {
      severity: finding.severity,
      severityLabel: this.t(`severity.${finding.severity}` as MessageId),
      kind: this.t(`html.kind.${finding.kind}` as MessageId),
      position: this.t('html.position', { line: f.number(finding.line), column: f.number(finding.column) }),
      line: finding.line,
      column: finding.column,
      message: finding.message,
      place: this.place(finding.path, finding.kind === 'invalid'),
      expiredWaiver: this.expiredWaiverOf(finding),
      path: finding.path || '/',
      expected: this.valueCell(finding, 'expected'),
      actual: this.valueCell(finding, 'actual'),
    };
  }

  private valueCell(finding: Finding, side: 'expected' | 'actual'): ValueCell {
    const f = this.formats;
    if (!(side in finding)) {
      if (isBroken(finding)) return { note: '' };
      return { note: this.t(side === 'expected' ? 'html.value.notInStandard' : 'html.value.absent') };
    }
    const value = finding[side];
    if (finding.kind === 'reordered') return { note: this.t('html.value.position', { position: f.number(Number(value)) }) };
    if (side === 'expected') {
      if (finding.rule === 'maxWords') return { note: this.t('html.value.maxWords', { count: Number(value) }) };
      if (finding.rule === 'atLeast') return { caption: this.t('html.value.atLeast'), value: pretty(value) };
      if (finding.rule === 'atMost') return { caption: this.t('html.value.atMost'), value: pretty(value) };
      if (finding.kind === 'invalid') return { caption: this.t('html.value.schemaRule'), value: pretty(value) };
    }
    return { value: pretty(value) };
  }

  /** For an open finding: a waiver that covered it until it expired, as "ended on …". */
  private expiredWaiverOf(finding: Finding): string | undefined {
    if (finding.waived) return undefined;
    const waiver = this.context.waivers.find((w) => waiverNames(w, finding) && isExpired(w, this.context.today));
    return waiver && this.t('html.branch.waiverExpired', { date: this.formats.date(waiver.expires), approvedBy: waiver.approvedBy });
  }

  /** The waiver in force behind a waived finding, as the engine matched it (branch or "*", path, kind). */
  private waiverOf(finding: Finding): WaiverNote | undefined {
    const waiver = this.context.waivers.find((w) => waiverNames(w, finding) && !isExpired(w, this.context.today));
    if (!waiver) return undefined;
    return {
      reason: waiver.reason,
      approvedBy: waiver.approvedBy,
      expires: this.formats.date(waiver.expires),
      expiresIso: waiver.expires,
    };
  }
}


// ------------------------------------------------------------------ shapes

export interface PageBase {
  lang: string;
  title: string;
  /** The way from the page to the reports folder: '' or '../'. */
  root: string;
  standard: Report['standard'];
}

export interface RankingRow {
  id: string;
  name?: string;
  url: string;
  score: number;
  scoreText: string;
  error: string;
  warning: string;
  info: string;
  waived: string;
  raw: Record<'error' | 'warning' | 'info' | 'waived', number>;
  status: Status;
  statusLabel: string;
  worst: Severity | 'none';
}

export interface HeatmapModel {
  columns: Array<{ label: string }>;
  /** The areas no branch has an open finding in. */
  clean?: string;
  rows: Array<{ id: string; name?: string; url: string; score: string; cells: Array<{ count: string; worst: string; url?: string; label: string }> }>;
  limited: boolean;
  shown: string;
  total: string;
}

export interface RetrainModel {
  rows: Array<{
    place: string;
    path: string;
    /** "{count} of {total} compared", cut where the count stands (the page styles it apart). */
    share: MessagePart[];
    kinds: string;
    standard?: string;
    branches: Array<{ id: string; url: string }>;
    more?: string;
    consensus?: string;
  }>;
  consensus: number;
  /** Whether any branch has an open comparison finding at all. */
  anyFinding: boolean;
}

export interface WaiverRow {
  branch: string;
  url?: string;
  place: string;
  path: string;
  kind?: string;
  reason: string;
  approvedBy: string;
  expires: string;
  expiresIso: string;
  when?: string;
}

export interface WaiverListsModel {
  groups: Array<{ id: string; which: string; heading: string; intro: string; rows: WaiverRow[] }>;
  total: number;
}

export interface OverviewModel extends PageBase {
  today: string;
  summary: Record<'branches' | 'conforming' | 'diverging' | 'open' | 'error' | 'warning' | 'info' | 'waived' | 'unreadable' | 'invalid', string> & {
    /** "{count} of {total}", cut where the count stands (the card styles it apart). */
    conformingCount: MessagePart[];
    raw: Record<'branches' | 'conforming' | 'open' | 'error' | 'warning' | 'info' | 'waived', number>;
  };
  ranking: {
    rows: RankingRow[];
    total: string;
    shown: string;
    limited: boolean;
    /** Every branch, worst first: [id, name, url, score, errors, warnings, infos, waived, status, worst]. */
    data: unknown[][];
    statusLabels: Record<string, string>;
    /** html.ranking.count by plural category, unfilled: the script fills it and picks the form by the matching count. */
    countTemplates: PluralTemplate;
    limit: number;
  };
  heatmap: HeatmapModel;
  retrain: RetrainModel;
  waivers: WaiverListsModel;
  listPages: Array<{ url: string; label: string }>;
}

export interface ListPageModel extends PageBase {
  rows: RankingRow[];
  pages: Array<{ url: string; label: string; current: boolean }>;
}

export interface ValueCell {
  /** A short caption above the value ("at most"). */
  caption?: string;
  /** The value, pretty-printed JSON. */
  value?: string;
  /** Words instead of a value ("not present", "position 3"). */
  note?: string;
}

export interface FindingRow {
  severity: Severity;
  severityLabel: string;
  kind: string;
  position: string;
  line: number;
  column: number;
  message: string;
  place: string;
  path: string;
  expected: ValueCell;
  actual: ValueCell;
  expiredWaiver?: string;
}

export interface WaiverNote {
  reason: string;
  approvedBy: string;
  expires: string;
  expiresIso: string;
}

export interface ListModel {
  heading: string;
  path: string;
  rows: Array<{ standard?: Record<string, unknown>; branch?: Record<string, unknown> }>;
}

export interface SourceExcerpt {
  lines: ExcerptLine[];
  column: number;
}

/** The lines around where a file stops being JSON, the character there marked. */
function sourceExcerpt(source: string, finding: Finding | undefined): SourceExcerpt | undefined {
  return finding && { lines: excerptAround(source, finding.line, finding.column), column: finding.column };
}

export interface BranchPageModel extends PageBase {
  today: string;
  id: string;
  name?: string;
  file: string;
  score: string;
  scoreValue: number;
  status: Status;
  statusLabel: string;
  worst: Severity | 'none';
  summary: string;
  invalidNote?: string;
  counts: Array<{ severity: Severity; label: string; count: string }>;
  waivedCount: string;
  sections: Array<{ anchor: string; heading: string; count: string; findings: FindingRow[]; lists: ListModel[] }>;
  waived: Array<FindingRow & { waiver?: WaiverNote }>;
  waivedLists: ListModel[];
  source?: SourceExcerpt;
}
