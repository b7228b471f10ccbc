/**
 * Builds the Express app: audits the store's branches once, then wires the
 * route table (authentication, branch access, raw body, handler), helmet,
 * the request log, a JSON 404/405, and one error handler, last. It does
 * not listen: tests drive it with supertest; listen.ts serves it.
 */
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { translator } from '../i18n';
import type { Store } from '../store/types';
import { TOOL } from '../version';
import type { ResolvedConfig } from '../workspace/config';
import { loadWaivers } from '../workspace/load';
import { createAuditor, prepareAudit } from '../workspace/run';
import { authenticate, bearerAuthenticator, requireAccess, type Authenticator } from './auth';
import { systemClock, type Clock } from './clock';
import type { ServerConfig } from './config';
import { errorHandler, sendError } from './errors';
import { branchId, type HandlerContext } from './handlers';
import { requestLog, silentLogger, type Logger } from './logger';
import { buildOpenApi } from './openapi';
import { ROUTES } from './routes';
import { ReportCache } from './reportCache';
import { BranchService } from './service';

export interface AppConfig {
  server: ServerConfig;
  workspace: ResolvedConfig;
  clock?: Clock;
  logger?: Logger;
  /** True once the server is shutting down (health turns 503). */
  stopping?: () => boolean;
  /** More ways to authenticate, tried after bearer tokens (cookie sessions, for the pages). */
  authenticators?: Authenticator[];
}

export async function createApp(store: Store, config: AppConfig): Promise<Express> {
  const logger = config.logger ?? silentLogger();
  const clock = config.clock ?? systemClock();
  const workspace = config.workspace;
  const auditor = createAuditor(prepareAudit(workspace));
  const cache = new ReportCache({
    tool: TOOL,
    standard: { file: auditor.standardFile, version: auditor.standardVersion },
    waivers: loadWaivers(workspace),
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
  const auth = authenticate([bearerAuthenticator(store), ...(config.authenticators ?? [])], config.server.authFailures);
  const body = express.raw({ type: () => true, limit: config.server.bodyLimit, inflate: false });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', config.server.trustProxy);
  app.use(helmet());
  app.use(requestLog(logger));

  const methods = new Map<string, string[]>();
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
    app.all(path, (req, res) => {
      res.set('Allow', allow.join(', '));
      sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use ${allow.join(' or ')}`);
    });
  }
  app.use((req, res) => sendError(res, 404, 'not_found', `there is no ${req.method} ${req.path}`));
  app.use(errorHandler(logger));
  return app;
}

/** Checks :id and the principal's right to it before a body is read. */
function branchAccess(req: Request, res: Response, next: NextFunction): void {
  requireAccess(res, branchId(req));
  next();
}
