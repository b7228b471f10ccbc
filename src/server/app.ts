/**
 * Builds the Express app: audits the store's branches once, then wires the
 * API's route table (authentication, branch access, raw body, handler) and
 * the HTML pages' table (pages/: cookie sessions, CSRF, forms, pages as
 * errors), helmet, the request log, 405s, a 404 (JSON for the API, a page
 * for a browser), and one error handler, last. It does not listen: tests
 * drive it with supertest; listen.ts serves it.
 */
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { translator } from '../i18n';
import type { Store } from '../store/types';
import { TOOL } from '../version';
import type { ResolvedConfig } from '../workspace/config';
import { loadWaivers } from '../workspace/load';
import { createAuditor, prepareAudit } from '../workspace/run';
import { authenticate, bearerAuthenticator, failureLimiter, requireAccess } from './auth';
import { systemClock, type Clock } from './clock';
import type { ServerConfig } from './config';
import { errorHandler, sendError } from './errors';
import { branchId, type HandlerContext } from './handlers';
import { requestLog, silentLogger, type Logger } from './logger';
import { buildOpenApi } from './openapi';
import { ROUTES } from './routes';
import {
  PageRenderer, SessionStore, pageErrorsOutsideRoutes, pageMethodNotAllowed, pageNotFound, wantsPage, wirePages, type PagesSetup,
} from './pages';
import { ReportCache } from './reportCache';
import { BranchService } from './service';

export interface AppConfig {
  server: ServerConfig;
  workspace: ResolvedConfig;
  clock?: Clock;
  logger?: Logger;
  /** True once the server is shutting down (health turns 503). */
  stopping?: () => boolean;
}

export async function createApp(store: Store, config: AppConfig): Promise<Express> {
  const logger = config.logger ?? silentLogger();
  const clock = config.clock ?? systemClock();
  const workspace = config.workspace;
  // The audit keeps each branch's step lists that have findings, so a branch page is built without reading the store.
  const auditor = createAuditor(prepareAudit(workspace, undefined, true));
  const waivers = loadWaivers(workspace);
  const cache = new ReportCache({
    tool: TOOL,
    standard: { file: auditor.standardFile, version: auditor.standardVersion },
    waivers,
    waiverNoticeDays: workspace.waiverNoticeDays,
    translator: translator(workspace.locale),
    today: () => clock.today(),
  });
  for (const warning of auditor.checker.warnings) logger.warn({ warning }, 'schema warning');
  for (const warning of store.warnings) logger.warn({ warning }, 'store warning');
  const started = Date.now();
  const service = await BranchService.start(store, auditor, cache, clock, workspace.branchId);
  logger.info({ branches: cache.size, ms: Date.now() - started, store: store.kind }, 'audited');

  const context: HandlerContext = { service, stopping: config.stopping ?? (() => false), openapi: buildOpenApi(ROUTES) };
  // One count of failed authentications per address, for API tokens and the sign-in form alike.
  const limiter = failureLimiter(config.server.authFailures);
  // The API takes bearer tokens only; the pages have their own cookie sessions (pages/session.ts), so the API needs no CSRF defence.
  const auth = authenticate([bearerAuthenticator(store)], limiter);
  const pages: PagesSetup = {
    service,
    store,
    sessions: new SessionStore(() => clock.now().getTime()),
    limiter,
    renderer: new PageRenderer(service, waivers, workspace.locale),
    bodyLimit: config.server.bodyLimit,
  };
  const body = express.raw({ type: () => true, limit: config.server.bodyLimit, inflate: false });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', config.server.trustProxy);
  app.use(helmet());
  // Browsers ask every page's site for an icon: a static answer (no route of the API or the pages),
  // empty and cached, keeps a 404 out of every page view.
  app.use('/favicon.ico', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.set('Cache-Control', 'public, max-age=86400').status(204).end();
  });
  app.use(requestLog(logger));

  const methods = new Map<string, string[]>();
  const pagePaths = new Set<string>();
  for (const { route, chain } of wirePages(pages, logger)) {
    app[route.method](route.path, ...chain);
    methods.set(route.path, [...(methods.get(route.path) ?? []), route.method.toUpperCase()]);
    pagePaths.add(route.path);
  }
  for (const route of ROUTES) {
    const chain: RequestHandler[] = [];
    if (route.auth) chain.push(auth);
    if (route.path.includes(':id')) chain.push(branchAccess);
    if (route.body) chain.push(body);
    chain.push((req, res) => route.handler(context, req, res));
    app[route.method](route.path, ...chain);
    methods.set(route.path, [...(methods.get(route.path) ?? []), route.method.toUpperCase()]);
  }
  for (const [path, allowed] of methods) {
    const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
    if (pagePaths.has(path)) {
      app.all(path, pageMethodNotAllowed(pages, allow.join(', ')));
      continue;
    }
    app.all(path, (req, res) => {
      res.set('Allow', allow.join(', '));
      sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use ${allow.join(' or ')}`);
    });
  }
  const notFoundPage = pageNotFound(pages);
  app.use((req, res, next) => {
    if (wantsPage(req)) {
      notFoundPage(req, res, next);
      return;
    }
    sendError(res, 404, 'not_found', `there is no ${req.method} ${req.path}`);
  });
  app.use(pageErrorsOutsideRoutes(pages, logger));
  app.use(errorHandler(logger));
  return app;
}

/** Checks the branch of an `:id` route before its body is read, and hands the checked id to the handler. */
function branchAccess(req: Request, res: Response, next: NextFunction): void {
  const id = branchId(req);
  requireAccess(res, id);
  res.locals.branch = id;
  next();
}
