/**
 * Who is asking. Authenticators each look for one kind of credential (a
 * bearer token now; a cookie session will plug in the same way for the
 * pages) and answer a principal, `null` for credentials that do not hold,
 * or `undefined` when the request carries none of their kind. A request
 * without a principal gets 401, and counts as a failed authentication for
 * its IP; past the limit, an IP gets 429 before any token is looked at.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
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
    const token = match[1];
    const id = tokenIdOf(token);
    const record = id === undefined ? undefined : await store.token(id);
    if (!tokenMatches(token, record) || !record) return null;
    if (record.scope === 'headOffice') return { kind: 'headOffice', tokenId: record.id };
    if (record.scope === 'branch' && typeof record.branch === 'string') return { kind: 'branch', branch: record.branch, tokenId: record.id };
    return null;
  };
}

export interface FailureLimit {
  limit: number;
  windowMs: number;
}

/**
 * Authenticates every request that passes through, or answers 401 (429
 * once the IP has failed too often). Sets res.locals.principal.
 */
export function authenticate(authenticators: readonly Authenticator[], failures: FailureLimit): RequestHandler {
  const keyOf = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
  const tooMany = (res: Response, retryAfterSeconds: number) => {
    res.set('Retry-After', String(Math.max(1, retryAfterSeconds)));
    sendError(res, 429, 'too_many_requests', 'too many failed authentication attempts from this address; try again later');
  };
  const limiter = rateLimit({
    windowMs: failures.windowMs,
    limit: failures.limit,
    keyGenerator: keyOf,
    standardHeaders: false,
    legacyHeaders: false,
    handler: (_req, res) => tooMany(res, Math.ceil(failures.windowMs / 1000)),
  });
  return async (req: Request, res: Response, next: NextFunction) => {
    const seen = await limiter.getKey(keyOf(req));
    if (seen && seen.totalHits >= failures.limit) {
      const reset = seen.resetTime ? Math.ceil((seen.resetTime.getTime() - Date.now()) / 1000) : failures.windowMs / 1000;
      if (reset > 0) {
        tooMany(res, reset);
        return;
      }
    }
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
    // Count the failure; the limiter answers 429 itself once over the limit.
    await limiter(req, res, () => {
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
