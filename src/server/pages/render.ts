/**
 * Renders the server's pages with the HTML report's own templates and page
 * models, so the overview and branch pages look and read exactly like the
 * report `sopaudit report` writes; the server's own pages (sign-in,
 * upload, history, a version, messages) share its layout and stylesheet.
 * Every page gets the session bar, its language, and the headers pages
 * need: a strict Content-Security-Policy (no script but the report's own
 * ranking script, allowed by its hash; stylesheets from this server only),
 * no caching, and HTML.
 *
 * The overview's model is built once per change of the report and per
 * language; a branch page's from that branch's audit alone.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Report } from '../../engine';
import { LOCALES, isLocale, translator, type MessageId, type MessageParams, type Translator } from '../../i18n';
import {
  ReportModel, placeTitles, safeStem, type HtmlContext, type PlaceTitle,
} from '../../report/html';
import { Formats } from '../../report/html/format';
import { pageUrl } from '../../report/html/names';
import { templates, type PageName } from '../../report/html/templates';
import type { Principal } from '../auth';
import type { BranchService } from '../service';
import { LANG_COOKIE, readCookies, setLangCookie, type Session } from './session';

/** What a page handler finds in res.locals. */
export interface PageLocals {
  translator: Translator;
  session?: Session;
  sessionId?: string;
  principal?: Principal;
}

export function pageLocals(res: Response): PageLocals {
  return res.locals as PageLocals;
}

/** Where the pages live. The report's own pages keep the report folder's layout under /report/. */
export const PAGE_ROOT = '/report/';
export const OVERVIEW_URL = '/report/index.html';

export function branchPageUrl(id: string): string {
  return PAGE_ROOT + pageUrl(`branches/${safeStem(id)}.html`);
}

export function uploadUrl(id: string): string {
  return `/branches/${encodeURIComponent(id)}/upload`;
}

export function historyUrl(id: string): string {
  return `/branches/${encodeURIComponent(id)}/history`;
}

export function versionUrl(id: string, version: number): string {
  return `${historyUrl(id)}/${version}`;
}

export interface BarLink {
  url: string;
  label: string;
  current: boolean;
}

/** The bar across the top of every server page: who is signed in, where to go, the language, sign-out. */
export interface ServerBar {
  home: string;
  brand: string;
  who?: string;
  links: BarLink[];
  csrf?: string;
  languages: Array<{ code: string; label: string; url: string; current: boolean }>;
  /** A branch session: the branch page offers no way to the overview. */
  ownBranchOnly: boolean;
}

/** Each language named in itself, as language switchers do. */
const LANGUAGE_NAMES = new Map(LOCALES.map((code) => [code, new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code]));

export class PageRenderer {
  private readonly formatsByLocale = new Map<string, Formats>();
  private readonly templates = templates();
  private readonly titles: PlaceTitle[];
  /** The overview's model per language, for the report's current tag. */
  private readonly overviews = new Map<string, { tag: string; model: ReportModel; names: Array<string | undefined> }>();
  private readonly csp: string;
  private readonly secureCsp: string;
  private readonly sheets = new Map<string, { css: string; etag: string }>();
  private parsed?: { tag: string; report: Report };

  constructor(
    private readonly service: BranchService,
    private readonly waivers: HtmlContext['waivers'],
    private readonly defaultLocale: string,
  ) {
    const auditor = service.audits;
    this.titles = placeTitles(auditor.checker.tree.root, auditor.standard);
    const hashes = [...this.templates.inlineScripts.values()].map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
    const directives = [
      "default-src 'none'",
      `script-src ${hashes.join(' ')}`,
      "style-src 'self'",
      // The report's score bars are style attributes (width: N%); CSS cannot run script.
      "style-src-attr 'unsafe-inline'",
      "img-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ];
    this.csp = directives.join('; ');
    this.secureCsp = [...directives, 'upgrade-insecure-requests'].join('; ');
  }

  get standard(): Report['standard'] {
    return { file: this.service.audits.standardFile, version: this.service.audits.standardVersion };
  }

  get today(): string {
    return this.service.cache.today;
  }

  /**
   * The language of this request: ?lang=xx (remembered in a cookie), else
   * the one remembered, else the workspace's.
   */
  locale(req: Request, res: Response): string {
    const asked = req.query.lang;
    if (typeof asked === 'string' && isLocale(asked)) {
      if (readCookies(req).get(LANG_COOKIE) !== asked) setLangCookie(req, res, asked);
      return asked;
    }
    const remembered = readCookies(req).get(LANG_COOKIE);
    return remembered !== undefined && isLocale(remembered) ? remembered : this.defaultLocale;
  }

  /** Sets what every page response carries; called first on every page route. */
  start(req: Request, res: Response): void {
    res.set('Content-Security-Policy', req.secure ? this.secureCsp : this.csp);
    res.set('Cache-Control', 'no-store');
    res.vary('Cookie');
    pageLocals(res).translator = translator(this.locale(req, res));
  }

  htmlContext(t: Translator): HtmlContext {
    const auditor = this.service.audits;
    return { translator: t, standard: auditor.standard, lists: auditor.keyedLists, titles: this.titles, waivers: this.waivers, today: this.today, formats: this.formats(t) };
  }

  /** A model over a report of one or a few branches (a branch page, a version's findings). */
  modelOf(report: Report, t: Translator): ReportModel {
    return new ReportModel(report, this.htmlContext(t));
  }

  /** The overview's model: every branch as the cached report has it, built once per change and language. */
  overview(t: Translator): { model: ReportModel; names: Array<string | undefined> } {
    const cache = this.service.cache;
    const tag = cache.tag();
    let memo = this.overviews.get(t.locale);
    if (memo?.tag !== tag) {
      // One parse of the cached document per change, whatever the languages asked.
      if (this.parsed?.tag !== tag) this.parsed = { tag, report: JSON.parse(cache.report().toString('utf8')) as Report };
      memo = { tag, model: this.modelOf(this.parsed.report, t), names: cache.list().map((state) => state.audit.name) };
      this.overviews.set(t.locale, memo);
    }
    return { model: memo.model, names: memo.names };
  }

  /** The locale's number and date formats, made once per locale (Intl formatters are costly to build). */
  formats(t: Translator): Formats {
    let formats = this.formatsByLocale.get(t.locale);
    if (!formats) {
      formats = new Formats(t.locale);
      this.formatsByLocale.set(t.locale, formats);
    }
    return formats;
  }

  /** The session bar of this request; `branch` is the branch the page is about, if any. */
  bar(req: Request, res: Response, branch?: string): ServerBar {
    const { translator: t, session } = pageLocals(res);
    const principal = session?.principal;
    const here = req.path;
    const links: BarLink[] = [];
    const link = (url: string, id: MessageId) => links.push({ url, label: t.t(id), current: here === url });
    const about = principal?.kind === 'branch' ? principal.branch : branch;
    if (principal?.kind === 'headOffice') link(OVERVIEW_URL, 'page.nav.overview');
    if (principal && about !== undefined) {
      if (this.service.branch(about)) link(branchPageUrl(about), principal.kind === 'branch' ? 'page.nav.ownBranch' : 'page.nav.branch');
      link(uploadUrl(about), 'page.nav.upload');
      link(historyUrl(about), 'page.nav.history');
    }
    const query = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');
    query.delete('lang');
    const languages = LOCALES.map((code) => {
      query.set('lang', code);
      return { code, label: LANGUAGE_NAMES.get(code) ?? code, url: `${here}?${query.toString()}`, current: code === t.locale };
    });
    return {
      home: '/',
      brand: t.t('page.nav.brand'),
      who: principal && (principal.kind === 'headOffice' ? t.t('page.nav.signedInHeadOffice') : t.t('page.nav.signedInBranch', { branch: principal.branch })),
      links,
      csrf: session?.csrf,
      languages,
      ownBranchOnly: principal?.kind === 'branch',
    };
  }

  /** Renders a page with the session bar and sends it. */
  send(req: Request, res: Response, status: number, page: PageName, model: object, branch?: string): void {
    const t = pageLocals(res).translator;
    const html = this.templates.render(page, { ...model, server: this.bar(req, res, branch) }, t);
    res.status(status).type('html').send(html);
  }

  /** A page that only says something: an error, or why a request was refused. */
  message(req: Request, res: Response, status: number, text: { heading: MessageId; message: MessageId; params?: MessageParams }, links: Array<{ url: string; label: MessageId }> = []): void {
    const t = pageLocals(res).translator;
    const heading = t.t(text.heading, text.params);
    this.send(req, res, status, 'message', {
      ...this.base(t, heading),
      heading,
      message: t.t(text.message, text.params),
      status,
      links: links.map((link) => ({ url: link.url, label: t.t(link.label) })),
    });
  }

  /** What every server page model starts with. */
  base(t: Translator, title: string): { lang: string; title: string; root: string; standard: Report['standard']; today: string } {
    return { lang: t.locale, title, root: PAGE_ROOT, standard: this.standard, today: this.formats(t).date(this.today) };
  }

  /** The two stylesheets, with a validator for conditional requests (each hashed once). */
  stylesheet(name: 'report.css' | 'pages.css'): { css: string; etag: string } {
    let sheet = this.sheets.get(name);
    if (!sheet) {
      const css = name === 'report.css' ? this.templates.css : this.templates.pagesCss;
      sheet = { css, etag: `"${createHash('sha256').update(css).digest('base64url').slice(0, 22)}"` };
      this.sheets.set(name, sheet);
    }
    return sheet;
  }
}

/** A size as the locale writes it: "1 MB", "512 kB", "100 byte". */
export function formatSize(bytes: number, locale: string): string {
  const MB = 1024 * 1024;
  const [value, unit] = bytes % MB === 0 ? [bytes / MB, 'megabyte'] : bytes % 1024 === 0 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}
