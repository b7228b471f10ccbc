/**
 * API tokens: `sopa_<id>_<secret>`, where the secret is 32 random bytes in
 * base64url. The id (public, 16 hex digits) finds the record; only the
 * token's SHA-256 is stored, and it is compared in constant time. The
 * token itself is printed once and never stored or logged.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_ID_PATTERN, type TokenRecord, type TokenScope } from './types';

export const TOKEN_PREFIX = 'sopa_';
const TOKEN_PATTERN = /^sopa_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh token and the record that stores it. */
export function newToken(scope: TokenScope, branch: string | undefined, now: Date): { token: string; record: TokenRecord } {
  const id = randomBytes(8).toString('hex');
  const token = `${TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  const record: TokenRecord = scope === 'branch'
    ? { id, scope, branch, hash: hashToken(token), createdAt: now.toISOString() }
    : { id, scope, hash: hashToken(token), createdAt: now.toISOString() };
  return { token, record };
}

/** The id inside a token, or undefined when the string cannot be a token at all. */
export function tokenIdOf(token: string): string | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match && TOKEN_ID_PATTERN.test(match[1]) ? match[1] : undefined;
}

const DUMMY_HASH = hashToken('sopa_0000000000000000_' + 'A'.repeat(43));

/**
 * True when the token is the one the record stores. With no record, a dummy
 * comparison keeps the time the same as for a wrong secret.
 */
export function tokenMatches(token: string, record: TokenRecord | undefined): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(record?.hash ?? DUMMY_HASH, 'hex');
  if (stored.length !== presented.length) return false;
  return timingSafeEqual(presented, stored) && record !== undefined;
}
