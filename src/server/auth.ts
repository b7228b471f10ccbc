/**
 * Who is asking. Authenticators each look for one kind of credential (the
 * API takes bearer tokens only; the HTML pages use a cookie session of
 * their own, pages/session.ts) and answer a principal, `null` for
 * credentials that do not hold, or `undefined` when the request carries
 * none of their kind. A request without a principal gets 401, and counts
 * as a failed authentication for its IP; past the limit, an IP's failed
 * attempts get 429. A valid token still passes: tokens hold 256 random bits,
 * so the limit is there to stop an address hammering with bad credentials,
 * not to lock out everyone behind the same NAT or proxy because one client
 * failed. The pages' sign-in form counts its failures in the same limiter,
 * so an address cannot try tokens there once the API has shut it out, nor
 * the other way round.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MemoryStore, ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import type { Store } from '../store/types';
import { tokenIdOf, tokenMatches } from '../store/tokens';
import { HttpError, sendError } from './errors';

export type Principal =
  | { kind: 'headOffice'; tokenId: string }
  | { kind: 'branch'; branch: string; tokenId: string };

export type Authenticator = (req: Request) => Promise<Principal | null | undefined>;

/** `Authorization: Bearer sopa_…`, checked against the store's hashes in constant time. */
export function bearerAuthenticator(store: Store): Authenticator {
  return async (req) => {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match) return null;
    return principalOfToken(store, match[1]);
  };
}

/** The principal a token speaks for, or null when it is not a valid token (the sign-in form uses it too). */
export async function principalOfToken(store: Store, token: string): Promise<Principal | null> {
  const id = tokenIdOf(token);
  const record = id === undefined ? undefined : await store.token(id);
  if (!tokenMatches(token, record) || !record) return null;
  if (record.scope === 'headOffice') return { kind: 'headOffice', tokenId: record.id };
  if (record.scope === 'branch' && typeof record.branch === 'string') return { kind: 'branch', branch: record.branch, tokenId: record.id };
  return null;
}

export interface FailureLimit {
  limit: number;
  windowMs: number;
}

/**
 * Failed authentications per client IP, shared by the API and the pages'
 * sign-in form: one count, one limit, one window.
 */
export interface FailureLimiter {
  /** Counts a failure and answers 429 itself once over the limit; else calls `next`. */
  readonly middleware: RateLimitRequestHandler;
  /** Seconds until the client may try again, when it is over the limit now. */
  blockedFor(req: Request): Promise<number | undefined>;
  /** Counts one failure (the sign-in form, which answers with its own page). */
  fail(req: Request): Promise<void>;
}

export function failureLimiter(failures: FailureLimit): FailureLimiter {
  const keyOf = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
  const store = new MemoryStore();
  const middleware = rateLimit({
    windowMs: failures.windowMs,
    limit: failures.limit,
    keyGenerator: keyOf,
    store,
    standardHeaders: false,
    legacyHeaders: false,
    handler: (_req, res) => tooMany(res, Math.ceil(failures.windowMs / 1000)),
  });
  return {
    middleware,
    async blockedFor(req) {
      const seen = await middleware.getKey(keyOf(req));
      if (!seen || seen.totalHits < failures.limit) return undefined;
      const reset = seen.resetTime ? Math.ceil((seen.resetTime.getTime() - Date.now()) / 1000) : failures.windowMs / 1000;
      return reset > 0 ? reset : undefined;
    },
    async fail(req) {
      await store.increment(keyOf(req));
    },
  };
}

function tooMany(res: Response, retryAfterSeconds: number): void {
  res.set('Retry-After', String(Math.max(1, retryAfterSeconds)));
  sendError(res, 429, 'too_many_requests', 'too many failed authentication attempts from this address; try again later');
}

/**
 * Authenticates every request that passes through, or answers 401 (429
 * once the IP has failed too often). Sets res.locals.principal.
 */
export function authenticate(authenticators: readonly Authenticator[], limiter: FailureLimiter): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    let presented = false;
    for (const authenticator of authenticators) {
      const principal = await authenticator(req);
      if (principal) {
        res.locals.principal = principal;
        next();
        return;
      }
      if (principal === null) presented = true;
    }
    const blocked = await limiter.blockedFor(req);
    if (blocked !== undefined) {
      tooMany(res, blocked);
      return;
    }
    // Count the failure; the limiter answers 429 itself once over the limit.
    await limiter.middleware(req, res, () => {
      res.set('WWW-Authenticate', presented ? 'Bearer realm="sopaudit", error="invalid_token"' : 'Bearer realm="sopaudit"');
      sendError(res, 401, 'unauthorized', presented ? 'the token is not valid' : 'send a token: Authorization: Bearer <token>');
    });
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('route without authentication');
  return principal;
}

/** The branch of an `:id` route, as the route's access check resolved and checked it (app.ts). */
export function branchOf(res: Response): string {
  const id = res.locals.branch as unknown;
  if (typeof id !== 'string') throw new Error('route without a branch');
  return id;
}

/** Head office reads and writes every branch; a branch token only its own. */
export function mayAccess(principal: Principal, branch: string): boolean {
  return principal.kind === 'headOffice' || principal.branch === branch;
}

/** The branch a principal is limited to, or undefined for head office. */
export function ownBranch(principal: Principal): string | undefined {
  return principal.kind === 'branch' ? principal.branch : undefined;
}

export function requireAccess(res: Response, branch: string): Principal {
  const principal = principalOf(res);
  if (!mayAccess(principal, branch)) throw new HttpError(403, 'forbidden', `this token may only access branch ${(principal as { branch: string }).branch}`);
  return principal;
}
