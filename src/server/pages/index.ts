/**
 * The HTML pages of `sopaudit serve`, wired from their table (routes.ts):
 * each route's chain sets the page headers and language, finds the cookie
 * session, checks access (signed out: a GET goes to the sign-in form, a
 * post gets 401; another branch or head office's pages: 403), reads and
 * splits a form within the size limit and checks its CSRF token, runs the
 * handler, and renders any error as a page, never as JSON.
 *
 * Pages authenticate with the session cookie only, the API with bearer
 * tokens only: no API call can ride on a browser's cookie, so the API
 * needs no CSRF defence.
 */
import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { safeStem } from '../../report/html';
import { isBranchId, StoreClosedError } from '../../store/types';
import { mayAccess } from '../auth';
import { HttpError, bodyErrorOf } from '../errors';
import { FormError, parseForm, textField } from './form';
import { PageError, branchOfPage, notFound, type PagesSetup } from './handlers';
import { branchPageUrl, formatSize, pageLocals } from './render';
import { PAGE_ROUTES, type PageRoute } from './routes';
import { LOGIN_COOKIE, SESSION_COOKIE, clearSessionCookie, readCookies, sameText } from './session';

export { PAGE_ROUTES, type PageRoute } from './routes';
export { PageRenderer } from './render';
export { SessionStore } from './session';
export type { PagesSetup } from './handlers';

/** Room in a form post for its other fields and multipart framing, beyond the document itself. */
export const FORM_OVERHEAD = 64 * 1024;

export interface WiredPage {
  route: PageRoute;
  /** Ends with the pages' error handler: a route's errors become pages. */
  chain: Array<RequestHandler | ErrorRequestHandler>;
}

export function wirePages(setup: PagesSetup, logger: Logger): WiredPage[] {
  const start: RequestHandler = (req, res, next) => {
    setup.renderer.start(req, res);
    next();
  };
  const session = sessionLoader(setup);
  const body = express.raw({ type: () => true, limit: setup.bodyLimit + FORM_OVERHEAD, inflate: false });
  const errors = pageErrors(setup, logger);
  return PAGE_ROUTES.map((route) => {
    const chain: Array<RequestHandler | ErrorRequestHandler> = [start, session, access(setup, route)];
    if (route.form) chain.push(body, formReader(setup, route.form));
    const handler: RequestHandler = async (req, res) => {
      await route.handler(setup, req, res);
    };
    chain.push(handler);
    chain.push(errors);
    return { route, chain };
  });
}

/** The session of the cookie, if it is live and its token still exists (a revoked token ends it). */
function sessionLoader({ sessions, store }: PagesSetup): RequestHandler {
  return async (req, res, next) => {
    const id = readCookies(req).get(SESSION_COOKIE);
    let session = sessions.get(id);
    if (session && !(await store.token(session.principal.tokenId))) {
      sessions.destroy(id);
      session = undefined;
    }
    if (session) {
      const locals = pageLocals(res);
      locals.session = session;
      locals.sessionId = id;
      locals.principal = session.principal;
      res.locals.principal = session.principal; // for the request log
    } else if (id !== undefined) {
      clearSessionCookie(req, res);
    }
    next();
  };
}

function signInUrl(req: Request): string {
  return `/login?next=${encodeURIComponent(req.originalUrl)}`;
}

function access(setup: PagesSetup, route: PageRoute): RequestHandler {
  const { renderer, service } = setup;
  return (req, res, next) => {
    if (route.access === 'public') {
      next();
      return;
    }
    const session = pageLocals(res).session;
    if (!session) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.redirect(302, signInUrl(req));
        return;
      }
      res.set('WWW-Authenticate', 'Cookie realm="sopaudit", form="/login"');
      renderer.message(req, res, 401, { heading: 'page.error.signInHeading', message: 'page.error.signIn' }, [{ url: '/login', label: 'page.link.signIn' }]);
      return;
    }
    const principal = session.principal;
    const forbidden = (message: 'page.error.headOfficeOnly' | 'page.error.otherBranch') => {
      const own = principal.kind === 'branch' ? principal.branch : '';
      renderer.message(req, res, 403, { heading: 'page.error.forbiddenHeading', message, params: { branch: own } }, [
        { url: principal.kind === 'branch' ? branchPageUrl(principal.branch) : '/', label: principal.kind === 'branch' ? 'page.link.ownBranch' : 'page.link.home' },
      ]);
    };
    if (route.access === 'headOffice' && principal.kind !== 'headOffice') {
      forbidden('page.error.headOfficeOnly');
      return;
    }
    if (route.access === 'branch') {
      let id: string | undefined;
      if (route.branchFrom === 'page') {
        // A branch session reaches only its own page; which others exist is none of its business.
        id = principal.kind === 'branch'
          ? (req.params.page === `${safeStem(principal.branch)}.html` ? principal.branch : undefined)
          : branchOfPage(service, req.params.page);
        if (id === undefined) {
          if (principal.kind === 'branch') forbidden('page.error.otherBranch');
          else throw notFound();
          return;
        }
      } else {
        const param: unknown = req.params.id;
        if (!isBranchId(param)) throw new PageError(400, 'page.error.badRequestHeading', 'page.error.badBranch');
        id = param;
      }
      if (!mayAccess(principal, id)) {
        forbidden('page.error.otherBranch');
        return;
      }
      res.locals.branch = id;
    }
    next();
  };
}

/** Splits the form and checks its CSRF token (403 when missing or wrong). */
function formReader(setup: PagesSetup, kind: NonNullable<PageRoute['form']>): RequestHandler {
  return async (req, res, next) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const form = await parseForm(body, req.headers['content-type']);
    res.locals.form = form;
    const sent = textField(form, '_csrf');
    const session = pageLocals(res).session;
    const ok = kind === 'login'
      ? setup.sessions.loginMatches(readCookies(req).get(LOGIN_COOKIE), sent)
      : kind === 'session'
        ? session !== undefined && sameText(session.csrf, sent)
        : true; // signing out checks its own (there may be no session to protect)
    if (!ok) {
      throw new PageError(403, 'page.error.csrfHeading', 'page.error.csrf', {}, [{ url: kind === 'login' ? '/login' : '/', label: kind === 'login' ? 'page.link.signIn' : 'page.link.home' }]);
    }
    next();
  };
}

/** The pages' one error handler: every error as a page in the reader's language. */
function pageErrors(setup: PagesSetup, logger: Logger): ErrorRequestHandler {
  const { renderer } = setup;
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const back = res.locals.branch !== undefined && req.method === 'POST' ? req.originalUrl : '/';
    const backLabel = back === '/' ? 'page.link.home' : 'page.link.back';
    if (error instanceof PageError) {
      renderer.message(req, res, error.status, { heading: error.heading, message: error.text, params: error.params }, error.links);
      return;
    }
    if (error instanceof FormError) {
      renderer.message(req, res, error.status, { heading: 'page.error.badRequestHeading', message: error.status === 415 ? 'page.error.unsupported' : 'page.error.badForm' }, [{ url: back, label: backLabel }]);
      return;
    }
    if (error instanceof StoreClosedError) {
      res.set('Retry-After', '5');
      renderer.message(req, res, 503, { heading: 'page.error.unavailableHeading', message: 'page.error.unavailable' });
      return;
    }
    const known = bodyErrorOf(error);
    if (known) {
      const { status, page: message } = known;
      const t = pageLocals(res).translator;
      renderer.message(
        req, res, status,
        { heading: status === 413 ? 'page.error.tooLargeHeading' : 'page.error.badRequestHeading', message, params: { size: formatSize(setup.bodyLimit, t.locale) } },
        [{ url: back, label: backLabel }],
      );
      return;
    }
    const status = error instanceof HttpError ? error.status : (error as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      renderer.message(req, res, status, { heading: 'page.error.badRequestHeading', message: 'page.error.badRequest' }, [{ url: '/', label: 'page.link.home' }]);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'page failed');
    renderer.message(req, res, 500, { heading: 'page.error.internalHeading', message: 'page.error.internal' }, [{ url: '/', label: 'page.link.home' }]);
  };
}

/** Whether a request outside any route gets a page (a browser, off the API) rather than JSON. */
export function wantsPage(req: Request): boolean {
  return !req.path.startsWith('/api/') && req.accepts(['json', 'html']) === 'html';
}

/**
 * Errors raised before any page route's own chain runs (a path that does not
 * decode, `/branches/%/upload`): a page for a browser, JSON for the API.
 */
export function pageErrorsOutsideRoutes(setup: PagesSetup, logger: Logger): ErrorRequestHandler {
  const errors = pageErrors(setup, logger);
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) {
      next(error);
      return;
    }
    setup.renderer.start(req, res);
    errors(error, req, res, next);
  };
}

/** A page route's path answered with a method it does not take: 405, as a page. */
export function pageMethodNotAllowed(setup: PagesSetup, allow: string): RequestHandler {
  return (req, res) => {
    setup.renderer.start(req, res);
    res.set('Allow', allow);
    setup.renderer.message(req, res, 405, { heading: 'page.error.methodHeading', message: 'page.error.method', params: { method: req.method } }, [{ url: '/', label: 'page.link.home' }]);
  };
}

/** No page here: 404 as a page, for a browser outside /api/. */
export function pageNotFound(setup: PagesSetup): RequestHandler {
  return (req, res) => {
    setup.renderer.start(req, res);
    setup.renderer.message(req, res, 404, { heading: 'page.error.notFoundHeading', message: 'page.error.notFound' }, [{ url: '/', label: 'page.link.home' }]);
  };
}
