/**
 * The pages' handlers: they read the request (the session, the branch its
 * route resolved, the form), ask the service, and render a page. Like the
 * API's handlers they leave the work to the service and turn its domain
 * errors into statuses; unlike them they answer in HTML, in the reader's
 * language.
 *
 * An upload that is stored answers 303 to the page of the new version,
 * which shows what changed since the version before it (so reloading the
 * result never uploads twice); one that is refused answers the upload form
 * again, with why (400 not JSON, with line, column and the lines around
 * it; 413 too large; 422 breaks the schema, not stored), and the text to
 * correct.
 */
import { isUtf8 } from 'node:buffer';
import type { Request, Response } from 'express';
import { MAX_DEPTH, parseJsonBytes, quotedDetail, type BranchResult, type Finding, type JsonProblem } from '../../engine';
import type { MessageId, MessageParams, Translator } from '../../i18n';
import { branchInputFrom, safeStem, type BranchInput } from '../../report/html';
import { isBroken, worstOpen } from '../../report/summary';
import type { FindingRow } from '../../report/html/model';
import { isBranchId, parseVersion, type Store } from '../../store/types';
import { branchOf, principalOfToken, type FailureLimiter } from '../auth';
import type { BranchState } from '../reportCache';
import { BranchMismatchError, InvalidDocumentError, NotJsonError, type BranchService } from '../service';
import { changesBetween } from './changes';
import { excerptAround, type ExcerptLine } from '../../report/html/excerpt';
import { textField, type Form } from './form';
import {
  OVERVIEW_URL, branchPageUrl, formatSize, historyUrl, pageLocals, uploadUrl, versionUrl, type PageRenderer,
} from './render';
import {
  LOGIN_COOKIE, SESSION_MAX_AGE_MS, clearLoginCookie, clearSessionCookie, readCookies, sameText, setLoginCookie, setSessionCookie,
  type SessionStore,
} from './session';

export interface PagesSetup {
  service: BranchService;
  store: Store;
  sessions: SessionStore;
  limiter: FailureLimiter;
  renderer: PageRenderer;
  /** The largest document, in bytes: the API's body limit. */
  bodyLimit: number;
}

export type PageHandler = (setup: PagesSetup, req: Request, res: Response) => void | Promise<void>;

/** A request a page refuses: its status and what the page says. */
export class PageError extends Error {
  override readonly name = 'PageError';
  constructor(
    readonly status: number,
    readonly heading: MessageId,
    readonly text: MessageId,
    readonly params: MessageParams = {},
    readonly links: Array<{ url: string; label: MessageId }> = [],
  ) {
    super(text);
  }
}

export function notFound(): PageError {
  return new PageError(404, 'page.error.notFoundHeading', 'page.error.notFound', {}, [{ url: '/', label: 'page.link.home' }]);
}

function sessionOf(res: Response) {
  const session = pageLocals(res).session;
  if (!session) throw new Error('page route without a session');
  return session;
}

function formOf(res: Response): Form {
  const form = res.locals.form as Form | undefined;
  if (!form) throw new Error('page route without a form');
  return form;
}

/** Where to go after signing in: a path on this server only, never another site, never the sign-in pages. */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value) || value.includes('\\')) return undefined;
  if (/^\/log(in|out)(?:[/?#]|$)/.test(value)) return undefined;
  return value;
}

// ------------------------------------------------------------ signing in

export const home: PageHandler = ({ service }, _req, res) => {
  const principal = sessionOf(res).principal;
  if (principal.kind === 'headOffice') res.redirect(302, OVERVIEW_URL);
  else res.redirect(302, service.branch(principal.branch) ? branchPageUrl(principal.branch) : uploadUrl(principal.branch));
};

export const loginForm: PageHandler = (setup, req, res) => {
  const next = safeNext(req.query.next);
  if (pageLocals(res).session) {
    res.redirect(302, next ?? '/');
    return;
  }
  renderLogin(setup, req, res, 200, { next, signedOut: req.query['signed-out'] !== undefined });
};

function renderLogin(
  { sessions, renderer }: PagesSetup,
  req: Request,
  res: Response,
  status: number,
  options: { next?: string; error?: MessageId; signedOut?: boolean },
): void {
  const { nonce, field } = sessions.loginNonce(readCookies(req).get(LOGIN_COOKIE));
  setLoginCookie(req, res, nonce);
  const t = pageLocals(res).translator;
  renderer.send(req, res, status, 'login', {
    ...renderer.base(t, t.t('page.login.title')),
    csrf: field,
    next: options.next,
    error: options.error && t.t(options.error),
    signedOut: options.signedOut,
    cookieNote: t.t('page.login.cookie', { hours: SESSION_MAX_AGE_MS / 3_600_000 }),
  });
}

/** The sign-in form's post: CSRF (its signed nonce) was checked by the route; failures count against the address. */
export const login: PageHandler = async (setup, req, res) => {
  const { sessions, limiter, store, renderer } = setup;
  const form = formOf(res);
  const next = safeNext(textField(form, 'next'));
  const token = (textField(form, 'token') ?? '').trim();
  const principal = token === '' || token.length > 200 ? null : await principalOfToken(store, token);
  // As on the API, a valid token signs in even from an address over the limit; only failures are refused.
  const blocked = principal ? undefined : await limiter.blockedFor(req);
  if (blocked !== undefined) {
    res.set('Retry-After', String(Math.max(1, blocked)));
    renderer.message(req, res, 429, { heading: 'page.error.tooManyHeading', message: 'page.error.tooMany', params: { count: Math.max(1, Math.ceil(blocked / 60)) } });
    return;
  }
  if (!principal) {
    await limiter.fail(req);
    renderLogin(setup, req, res, 401, { next, error: 'page.login.failed' });
    return;
  }
  // A new id at every sign-in: a session id known before it is never one that is signed in.
  sessions.destroy(pageLocals(res).sessionId);
  const id = sessions.create(principal);
  setSessionCookie(req, res, id);
  clearLoginCookie(req, res);
  res.redirect(303, next ?? '/');
};

/** Signing out: with a session, its form's CSRF token must match. */
export const logout: PageHandler = ({ sessions, renderer }, req, res) => {
  const { session, sessionId } = pageLocals(res);
  if (session) {
    if (!sameText(session.csrf, textField(formOf(res), '_csrf'))) {
      renderer.message(req, res, 403, { heading: 'page.error.csrfHeading', message: 'page.error.csrf' }, [{ url: '/', label: 'page.link.home' }]);
      return;
    }
    sessions.destroy(sessionId);
  }
  clearSessionCookie(req, res);
  res.redirect(303, '/login?signed-out');
};

// ------------------------------------------------------------ the report's pages

export const overview: PageHandler = ({ renderer }, req, res) => {
  const t = pageLocals(res).translator;
  const { model, names } = renderer.overview(t);
  renderer.send(req, res, 200, 'overview', model.overview(names));
};

export const listPage: PageHandler = ({ renderer }, req, res) => {
  const t = pageLocals(res).translator;
  const { model, names } = renderer.overview(t);
  const n = /^[1-9]\d{0,6}$/.test(String(req.params.n)) ? Number(req.params.n) : 0;
  if (n < 1 || n > model.listPageCount()) throw notFound();
  renderer.send(req, res, 200, 'list', model.listPage(n, names));
};

/**
 * The branch a report page URL names (`<stem>.html`), if any branch has that
 * page. A plain id is its own stem; the others are looked up among the
 * hashed stems, worked out once per change of the branch list.
 */
export function branchOfPage(service: BranchService, page: unknown): string | undefined {
  const match = typeof page === 'string' ? /^(.+)\.html$/.exec(page) : null;
  if (!match) return undefined;
  const stem = match[1];
  if (isBranchId(stem) && safeStem(stem) === stem) return service.branch(stem) ? stem : undefined;
  return hashedStems(service).get(stem);
}

const stemsOf = new WeakMap<BranchService, { tag: string; ids: Map<string, string> }>();

function hashedStems(service: BranchService): ReadonlyMap<string, string> {
  const tag = service.cache.tag();
  let stems = stemsOf.get(service);
  if (stems?.tag !== tag) {
    const ids = new Map<string, string>();
    for (const state of service.branches()) {
      const stem = safeStem(state.id);
      if (stem !== state.id) ids.set(stem, state.id);
    }
    stems = { tag, ids };
    stemsOf.set(service, stems);
  }
  return stems.ids;
}

export const branchPage: PageHandler = async ({ service, renderer }, req, res) => {
  const id = branchOf(res);
  const state = service.branch(id);
  if (!state) throw notFound();
  const t = pageLocals(res).translator;
  const model = renderer.modelOf(service.cache.reportOf([state.audit], t), t);
  const input = await branchInput(service, state);
  renderer.send(req, res, 200, 'branch', model.branch(0, input), id);
};

/**
 * What the branch page shows of the branch's current document: its name and
 * the step lists it has findings in, as its audit kept them; only a document
 * that is not JSON is read from the store, for the lines around the problem.
 */
async function branchInput(service: BranchService, state: BranchState): Promise<BranchInput> {
  const { audit } = state;
  if (!audit.findings.some(isBroken)) return branchInputFrom(audit);
  const stored = await service.submission(state.id, state.version);
  return stored ? branchInputFrom(audit, parseJsonBytes(stored.bytes).text) : {};
}

// ------------------------------------------------------------ uploading

interface Problem {
  heading: string;
  message: string;
  /** What stays as it was. */
  kept?: string;
  excerptIntro?: string;
  excerpt?: ExcerptLine[];
  findings?: FindingRow[];
}

export const uploadForm: PageHandler = (setup, req, res) => {
  renderUpload(setup, req, res, 200, {});
};

function renderUpload(setup: PagesSetup, req: Request, res: Response, status: number, extra: { problem?: Problem; text?: string }): void {
  const { service, renderer, bodyLimit } = setup;
  const id = branchOf(res);
  const t = pageLocals(res).translator;
  const f = renderer.formats(t);
  const state = service.branch(id);
  renderer.send(req, res, status, 'upload', {
    ...renderer.base(t, t.t('page.upload.title', { id })),
    heading: t.t('page.upload.heading', { id }),
    name: state?.audit.name,
    branchUrl: state ? branchPageUrl(id) : undefined,
    current: state
      ? t.t('page.upload.current', { version: f.number(state.version), score: f.number(state.result.score), date: f.time(state.updatedAt) })
      : t.t('page.upload.none'),
    action: uploadUrl(id),
    csrf: sessionOf(res).csrf,
    limit: t.t('page.upload.limit', { size: formatSize(bodyLimit, t.locale) }),
    text: extra.text ?? '',
    problem: extra.problem,
  }, id);
}

/**
 * The upload form's post (CSRF checked by the route): a chosen file wins
 * over pasted text. Stored: 303 to the new version's page. Refused: the
 * form again, with why.
 */
export const upload: PageHandler = async (setup, req, res) => {
  const { service, bodyLimit } = setup;
  const id = branchOf(res);
  const principal = sessionOf(res).principal;
  const t = pageLocals(res).translator;
  const form = formOf(res);
  const file = form.get('file');
  const chosen = file && file.filename !== undefined && file.filename !== '' ? file.data : undefined;
  const bytes = chosen ?? form.get('document')?.data;
  if (!bytes || bytes.length === 0) {
    renderUpload(setup, req, res, 400, { problem: { heading: t.t('page.upload.refusedHeading'), message: t.t('page.upload.nothing') } });
    return;
  }
  if (bytes.length > bodyLimit) {
    renderUpload(setup, req, res, 413, {
      problem: { heading: t.t('page.upload.refusedHeading'), message: t.t('page.upload.tooLarge', { size: formatSize(bodyLimit, t.locale) }) },
    });
    return;
  }
  // The text goes back into the form to be corrected (not when it is not text at all).
  const text = isUtf8(bytes) ? bytes.toString('utf8').replace(/^\uFEFF/, '') : '';
  const before = service.branch(id);
  try {
    const result = await service.upload(id, bytes, principal.tokenId);
    // The same bytes as the current version store nothing new: the page says so rather than "stored".
    const same = before !== undefined && result.version === before.version;
    res.redirect(303, `${versionUrl(id, result.version)}?uploaded${same ? '=same' : ''}`);
  } catch (error) {
    if (error instanceof NotJsonError) {
      renderUpload(setup, req, res, 400, { problem: jsonProblem(t, error.problem, text), text });
    } else if (error instanceof BranchMismatchError) {
      renderUpload(setup, req, res, 422, {
        problem: {
          heading: t.t('page.upload.refusedHeading'),
          message: t.t('page.upload.mismatch', { named: JSON.stringify(error.named) ?? String(error.named), pointer: error.pointer, id }),
          kept: kept(setup, t, before?.version, before?.result.score),
        },
        text,
      });
    } else if (error instanceof InvalidDocumentError) {
      // Worded again for the reader's language (the error's result is worded in the workspace's).
      const report = service.cache.reportOf([error.audit], t);
      const invalid = report.branches[0].findings.filter((finding) => finding.kind === 'invalid');
      const model = setup.renderer.modelOf(report, t);
      renderUpload(setup, req, res, 422, {
        problem: {
          heading: t.t('page.upload.invalidHeading'),
          message: t.t('page.upload.invalid', { count: invalid.length }),
          kept: kept(setup, t, error.current, before?.result.score),
          findings: invalid.map((finding) => model.findingRow(finding)),
        },
        text,
      });
    } else {
      throw error;
    }
  }
};

function kept({ renderer }: PagesSetup, t: Translator, version: number | undefined, score: number | undefined): string {
  const f = renderer.formats(t);
  return version === undefined ? t.t('page.upload.keptNone') : t.t('page.upload.kept', { version: f.number(version), score: f.number(score ?? 0) });
}

/** Why a text is not JSON, where, and the lines around it. */
function jsonProblem(t: Translator, problem: JsonProblem, text: string): Problem {
  const where = { line: problem.line, column: problem.column };
  // One message per problem code, as the findings have; each takes what it needs of these.
  const message = t.t(`page.json.${problem.code}` satisfies MessageId, { ...where, token: quotedDetail(problem), limit: MAX_DEPTH });
  const located = problem.code === 'syntax' || problem.code === 'unexpectedEnd' || problem.code === 'duplicateKey';
  return {
    heading: t.t('page.upload.notJsonHeading'),
    message,
    excerptIntro: located && text !== '' ? t.t('page.upload.excerptIntro', where) : undefined,
    excerpt: located && text !== '' ? excerptAround(text, problem.line, problem.column) : undefined,
  };
}

// ------------------------------------------------------------ history

function versionParam(req: Request): number {
  const version = parseVersion(req.params.version);
  if (version === undefined) throw new PageError(400, 'page.error.badRequestHeading', 'page.error.badVersion');
  return version;
}

export const history: PageHandler = async ({ service, renderer }, req, res) => {
  const id = branchOf(res);
  const versions = await service.history(id);
  if (versions.length === 0) throw notFound();
  const t = pageLocals(res).translator;
  const f = renderer.formats(t);
  const state = service.branch(id);
  const current = state?.version;
  renderer.send(req, res, 200, 'history', {
    ...renderer.base(t, t.t('page.history.title', { id })),
    heading: t.t('page.history.heading', { id }),
    name: state?.audit.name,
    branchUrl: current !== undefined ? branchPageUrl(id) : undefined,
    rows: [...versions].reverse().map((meta) => ({
      version: f.number(meta.version),
      label: t.t('page.history.version', { version: f.number(meta.version) }),
      url: versionUrl(id, meta.version),
      time: f.time(meta.createdAt),
      iso: meta.createdAt,
      source: t.t(meta.source === 'upload' ? 'page.source.upload' : 'page.source.workspace'),
      valid: meta.valid,
      validLabel: t.t(meta.valid ? 'page.history.valid' : 'page.history.invalid'),
      score: f.number(meta.score),
      scoreValue: meta.score,
      current: meta.version === current,
    })),
  }, id);
};

/**
 * One version: its findings as audited today, and what changed since the
 * version before it (both audited the same way, so waivers and messages
 * agree), with the document as stored.
 */
export const version: PageHandler = async ({ service, renderer }, req, res) => {
  const id = branchOf(res);
  const n = versionParam(req);
  const found = await service.submission(id, n);
  if (!found) throw notFound();
  const previous = n > 1 ? await service.submission(id, n - 1) : undefined;
  const t = pageLocals(res).translator;
  const f = renderer.formats(t);
  const file = service.fileOf(id);
  const document = parseJsonBytes(found.bytes);
  const state = service.branch(id);
  const current = state?.version;
  // The current version was audited when it was stored; older ones are audited here.
  const audit = state && n === state.version ? state.audit : { ...service.audits.audit(file, document), id };
  const report = service.cache.reportOf([audit], t);
  const result = report.branches[0];
  const before: BranchResult | undefined = previous && service.cache.reportOf([{ ...service.audits.audit(file, parseJsonBytes(previous.bytes)), id }], t).branches[0];
  const changes = changesBetween(before, result);
  const model = renderer.modelOf(report, t);
  const rows = (findings: Finding[]) => [...findings].sort((a, b) => a.line - b.line || a.column - b.column).map((finding) => model.findingRow(finding));
  const open = changes.added.length + changes.open.length;
  const worst = worstOpen([...changes.added, ...changes.open]);
  const waived = result.findings.filter((finding) => finding.waived).length;
  const delta = before === undefined ? 0 : result.score - before.score;
  const groups = before === undefined
    ? [{ key: 'added', heading: t.t('page.version.firstFindings'), count: f.number(changes.added.length), findings: rows(changes.added) }]
    : [
        { key: 'added', heading: t.t('page.version.added'), count: f.number(changes.added.length), findings: rows(changes.added) },
        {
          key: 'fixed',
          heading: t.t('page.version.fixed'),
          count: f.number(changes.fixed.length),
          findings: rows(changes.fixed),
          note: changes.fixed.length > 0 ? t.t('page.version.fixedWhere', { version: f.number(n - 1) }) : undefined,
        },
        { key: 'open', heading: t.t('page.version.open'), count: f.number(changes.open.length), findings: rows(changes.open) },
      ];
  renderer.send(req, res, 200, 'version', {
    ...renderer.base(t, t.t('page.version.title', { id, version: f.number(n) })),
    heading: t.t('page.version.heading', { id, version: f.number(n) }),
    name: audit.name,
    meta: t.t('page.version.meta', {
      date: f.time(found.meta.createdAt),
      source: t.t(found.meta.source === 'upload' ? 'page.source.upload' : 'page.source.workspace'),
    }),
    stored: req.query.uploaded !== undefined && n === current
      ? t.t(req.query.uploaded === 'same' ? 'page.version.unchanged' : 'page.version.stored', { version: f.number(n) })
      : undefined,
    notCurrent: current !== undefined && n !== current ? t.t('page.version.notCurrent', { version: f.number(current) }) : undefined,
    score: f.number(result.score),
    scoreValue: result.score,
    beforeValue: before?.score,
    worst: worst ?? 'none',
    scoreChange: before === undefined
      ? t.t('page.version.first')
      : t.t('page.version.scoreChange', {
          before: f.number(before.score),
          after: f.number(result.score),
          delta: new Intl.NumberFormat(t.locale, { signDisplay: 'exceptZero' }).format(delta),
          version: f.number(n - 1),
        }),
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same',
    summary: open === 0 ? t.t('page.version.conforms') : t.t('page.version.diverges', { count: open }),
    counts: before === undefined ? [] : [
      { key: 'added', label: t.t('page.version.added'), count: f.number(changes.added.length), zero: changes.added.length === 0 },
      { key: 'fixed', label: t.t('page.version.fixed'), count: f.number(changes.fixed.length), zero: changes.fixed.length === 0 },
      { key: 'open', label: t.t('page.version.open'), count: f.number(changes.open.length), zero: changes.open.length === 0 },
    ],
    asOf: before === undefined ? undefined : t.t('page.version.asOf'),
    changesHeading: before === undefined ? t.t('page.version.firstHeading') : t.t('page.version.changes', { version: f.number(n - 1) }),
    groups,
    waivedNote: waived > 0 ? t.t('page.version.waived', { count: waived }) : undefined,
    branchUrl: current !== undefined ? branchPageUrl(id) : undefined,
    uploadUrl: uploadUrl(id),
    historyUrl: historyUrl(id),
    text: document.text || Buffer.from(found.bytes).toString('utf8'),
  }, id);
};
