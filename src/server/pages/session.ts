/**
 * Sessions of the HTML pages, and their CSRF tokens.
 *
 * A person signs in by pasting a token into the sign-in form; the server
 * checks it like a bearer token and starts a server-side session. The
 * cookie holds only the session id: 32 random bytes, never the token nor
 * anything derived from it. The server keeps the session under the id's
 * SHA-256, so its memory holds nothing a cookie could be made from. A
 * session ends on sign-out, after SESSION_IDLE_MS without a request, after
 * SESSION_MAX_AGE_MS in all, when the token behind it is revoked, or when
 * the server restarts (sessions live in this process only: sign in again).
 *
 * CSRF: every form of a signed-in page carries the session's own random
 * token (a synchronizer token), compared in constant time. The sign-in form
 * comes before any session, so it uses a signed double submit instead: a
 * random nonce in an HttpOnly cookie scoped to /login, and in the form the
 * nonce's HMAC under a key made at start. Cookies are SameSite=Strict and
 * HttpOnly, and Secure when the request came over HTTPS.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import type { Principal } from '../auth';

export const SESSION_COOKIE = 'sopaudit_session';
export const LOGIN_COOKIE = 'sopaudit_login';
export const LANG_COOKIE = 'sopaudit_lang';

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** Sessions kept at most; past it, the oldest ends (only a valid token starts one). */
export const SESSION_LIMIT = 10_000;
/**
 * Sessions of one token kept at most; past it, that token's oldest ends. So a
 * holder of one branch's token who signs in over and over ends only their
 * own sessions, never head office's.
 */
export const SESSIONS_PER_TOKEN = 50;
const LOGIN_NONCE_MS = 60 * 60 * 1000;

export interface Session {
  principal: Principal;
  /** The synchronizer token of this session's forms. */
  csrf: string;
  created: number;
  seen: number;
}

export class SessionStore {
  /** sha256(session id) → session, oldest first. */
  private readonly sessions = new Map<string, Session>();
  private readonly loginKey = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a session; answers its id (for the cookie only). */
  create(principal: Principal): string {
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    this.endOldestOf(principal.tokenId);
    this.sessions.set(key(id), { principal, csrf: randomBytes(32).toString('base64url'), created: at, seen: at });
    while (this.sessions.size > SESSION_LIMIT) this.sessions.delete(this.sessions.keys().next().value!);
    return id;
  }

  /** Ends the token's oldest session when it has SESSIONS_PER_TOKEN already (sign-ins are rare: a scan is fine). */
  private endOldestOf(tokenId: string): void {
    let oldest: string | undefined;
    let count = 0;
    for (const [k, session] of this.sessions) {
      if (session.principal.tokenId !== tokenId) continue;
      oldest ??= k;
      count++;
    }
    if (oldest !== undefined && count >= SESSIONS_PER_TOKEN) this.sessions.delete(oldest);
  }

  /** The live session of this id, touched; undefined (and forgotten) once it has ended. */
  get(id: string | undefined): Session | undefined {
    if (id === undefined || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const k = key(id);
    const session = this.sessions.get(k);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.seen > SESSION_IDLE_MS || at - session.created > SESSION_MAX_AGE_MS) {
      this.sessions.delete(k);
      return undefined;
    }
    session.seen = at;
    return session;
  }

  destroy(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(key(id));
  }

  /** A nonce for the sign-in form's cookie, and the value its form carries. */
  loginNonce(existing?: string): { nonce: string; field: string } {
    const nonce = existing !== undefined && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
    return { nonce, field: this.sign(nonce) };
  }

  /** Whether the sign-in form's field matches its cookie's nonce. */
  loginMatches(nonce: string | undefined, field: unknown): boolean {
    if (nonce === undefined || !/^[A-Za-z0-9_-]{43}$/.test(nonce)) return false;
    return sameText(this.sign(nonce), field);
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.loginKey).update(`login\u0000${nonce}`).digest('base64url');
  }
}

function key(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Constant-time equality of a secret and what a form sent. */
export function sameText(secret: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(secret);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request's cookies by name (the first of a name wins); values as sent. */
export function readCookies(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  const header = req.headers.cookie;
  if (typeof header !== 'string') return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

function options(req: Request, path: string, maxAgeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path, ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}) };
}

export function setSessionCookie(req: Request, res: Response, id: string): void {
  res.cookie(SESSION_COOKIE, id, options(req, '/', SESSION_MAX_AGE_MS));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, options(req, '/'));
}

export function setLoginCookie(req: Request, res: Response, nonce: string): void {
  res.cookie(LOGIN_COOKIE, nonce, options(req, '/login', LOGIN_NONCE_MS));
}

export function clearLoginCookie(req: Request, res: Response): void {
  res.clearCookie(LOGIN_COOKIE, options(req, '/login'));
}

export function setLangCookie(req: Request, res: Response, locale: string): void {
  res.cookie(LANG_COOKIE, locale, options(req, '/', 365 * 24 * 60 * 60 * 1000));
}
