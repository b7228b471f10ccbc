/**
 * The HTML pages as one table, like the API's (../routes.ts): method,
 * path, who may open it, whether it takes a form (and whose CSRF token the
 * form carries), and its handler. The app is wired from it; the route walk
 * test walks it.
 *
 * The report's own pages keep the layout of the folder `sopaudit report`
 * writes, under /report/ (index.html, branches/<stem>.html, report.css),
 * so their relative links work unchanged; the server's own pages sit
 * beside them.
 */
import type { Response } from 'express';
import * as pages from './handlers';
import type { PageHandler } from './handlers';
import type { PageRenderer } from './render';

/**
 * Who may open a page: anyone; anyone signed in; head office only; or
 * whoever may access the branch its URL names (head office, or that
 * branch's own session).
 */
export type Access = 'public' | 'signedIn' | 'headOffice' | 'branch';

export interface PageRoute {
  method: 'get' | 'post';
  /** Express syntax. */
  path: string;
  summary: string;
  access: Access;
  /** For access 'branch': the branch is the URL's :id, or the branch whose report page :page is. */
  branchFrom?: 'id' | 'page';
  /**
   * A form post (body read up to the size limit), and the CSRF token it
   * must carry: the session's; the sign-in form's signed nonce; or, for
   * signing out, the session's when there is a session.
   */
  form?: 'session' | 'login' | 'logout';
  handler: PageHandler;
}

const stylesheet = (name: 'report.css' | 'pages.css'): PageHandler => ({ renderer }, req, res) => sendCss(renderer, name, req.fresh, res);

function sendCss(renderer: PageRenderer, name: 'report.css' | 'pages.css', fresh: boolean, res: Response): void {
  const { css, etag } = renderer.stylesheet(name);
  res.set('Cache-Control', 'no-cache');
  res.set('ETag', etag);
  if (fresh) {
    res.status(304).end();
    return;
  }
  res.type('text/css').send(css);
}

export const PAGE_ROUTES: readonly PageRoute[] = [
  { method: 'get', path: '/', summary: 'Start: head office to the overview, a branch to its own page', access: 'signedIn', handler: pages.home },
  { method: 'get', path: '/login', summary: 'The sign-in form: paste a token', access: 'public', handler: pages.loginForm },
  { method: 'post', path: '/login', summary: 'Sign in: starts a session (cookie)', access: 'public', form: 'login', handler: pages.login },
  { method: 'post', path: '/logout', summary: 'Sign out: ends the session', access: 'public', form: 'logout', handler: pages.logout },
  { method: 'get', path: '/report/index.html', summary: 'The overview of every branch (the HTML report)', access: 'headOffice', handler: pages.overview },
  { method: 'get', path: '/report/all-branches-:n.html', summary: 'The A–Z list of every branch, when the overview cuts its ranking short', access: 'headOffice', handler: pages.listPage },
  { method: 'get', path: '/report/branches/:page', summary: "A branch's page of the HTML report", access: 'branch', branchFrom: 'page', handler: pages.branchPage },
  { method: 'get', path: '/report/report.css', summary: "The report's stylesheet", access: 'public', handler: stylesheet('report.css') },
  { method: 'get', path: '/report/pages.css', summary: "The server pages' additions to it", access: 'public', handler: stylesheet('pages.css') },
  { method: 'get', path: '/branches/:id/upload', summary: 'The upload form of a branch', access: 'branch', handler: pages.uploadForm },
  { method: 'post', path: '/branches/:id/upload', summary: 'Upload: a chosen file or pasted JSON', access: 'branch', form: 'session', handler: pages.upload },
  { method: 'get', path: '/branches/:id/history', summary: "A branch's versions", access: 'branch', handler: pages.history },
  { method: 'get', path: '/branches/:id/history/:version', summary: 'One version: what changed since the one before, and the document', access: 'branch', handler: pages.version },
];
