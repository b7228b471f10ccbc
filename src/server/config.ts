/**
 * The server's settings, read once at start from the command line and the
 * environment into one checked object. A bad value is one line naming the
 * flag or variable, what was given and what is expected (the CLI exits 2).
 *
 *   --port / SOPAUDIT_PORT / PORT      port, 0–65535 (0: any free port)   8080
 *   --host / SOPAUDIT_HOST             address to listen on               127.0.0.1
 *   SOPAUDIT_BODY_LIMIT                largest upload: bytes, kb or mb    1mb (at most 8mb)
 *   MONGODB_URI                        use MongoDB instead of the workspace folder
 *   SOPAUDIT_TRUST_PROXY               Express "trust proxy": false, a hop count,
 *                                      or addresses/subnets (loopback, 10.0.0.0/8, …)
 *   SOPAUDIT_AUTH_FAILURES             failed authentications per client IP per 15 minutes   20
 *   SOPAUDIT_LOG_LEVEL                 fatal, error, warn, info, debug, trace, silent         info
 *   SOPAUDIT_SHUTDOWN_TIMEOUT          seconds to let requests finish on SIGTERM             10
 */
import net from 'node:net';
import { MAX_BYTES } from '../engine';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  port: number;
  host: string;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  mongodbUri?: string;
  trustProxy: boolean | number | string[];
  /** Failed authentications one client IP may make per window before it gets 429. */
  authFailures: { limit: number; windowMs: number };
  logLevel: LogLevel;
  shutdownTimeoutMs: number;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  port: 8080,
  host: '127.0.0.1',
  bodyLimit: 1024 * 1024,
  trustProxy: false,
  authFailures: { limit: 20, windowMs: 15 * 60 * 1000 },
  logLevel: 'info',
  shutdownTimeoutMs: 10_000,
};

/** A setting that cannot be used; its message names it. */
export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError';
}

export interface ServerFlags {
  port?: string;
  host?: string;
}

export function loadServerConfig(flags: ServerFlags, env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const config: ServerConfig = { ...DEFAULT_SERVER_CONFIG, authFailures: { ...DEFAULT_SERVER_CONFIG.authFailures } };
  const setting = (flag: string | undefined, flagName: string, ...vars: string[]): [string, string] | undefined => {
    if (flag !== undefined) return [flagName, flag];
    for (const name of vars) {
      const value = env[name];
      if (value !== undefined && value !== '') return [name, value];
    }
    return undefined;
  };

  const port = setting(flags.port, '--port', 'SOPAUDIT_PORT', 'PORT');
  if (port) config.port = parsePort(...port);
  const host = setting(flags.host, '--host', 'SOPAUDIT_HOST');
  if (host) config.host = parseHost(...host);
  const limit = setting(undefined, '', 'SOPAUDIT_BODY_LIMIT');
  if (limit) config.bodyLimit = parseSize(...limit);
  const uri = setting(undefined, '', 'MONGODB_URI');
  if (uri) config.mongodbUri = parseMongoUri(uri[1]);
  const proxy = setting(undefined, '', 'SOPAUDIT_TRUST_PROXY');
  if (proxy) config.trustProxy = parseTrustProxy(...proxy);
  const failures = setting(undefined, '', 'SOPAUDIT_AUTH_FAILURES');
  if (failures) config.authFailures.limit = parseWhole(...failures, 1, 1_000_000);
  const level = setting(undefined, '', 'SOPAUDIT_LOG_LEVEL');
  if (level) config.logLevel = parseLogLevel(...level);
  const grace = setting(undefined, '', 'SOPAUDIT_SHUTDOWN_TIMEOUT');
  if (grace) config.shutdownTimeoutMs = parseWhole(...grace, 0, 3600) * 1000;
  return config;
}

function bad(name: string, value: string, expected: string): ServerConfigError {
  return new ServerConfigError(`${name} ${JSON.stringify(value)} ${expected}`);
}

function parsePort(name: string, value: string): number {
  return parseWhole(name, value, 0, 65535, 'is not a port; use a whole number from 0 to 65535 (0: any free port), e.g. 8080');
}

function parseWhole(name: string, value: string, min: number, max: number, expected?: string): number {
  const n = /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(name, value, expected ?? `must be a whole number from ${min} to ${max}`);
  return n;
}

function parseHost(name: string, value: string): string {
  const host = value.trim();
  if (net.isIP(host) || /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host)) return host;
  throw bad(name, value, 'is not a host name or IP address, e.g. 127.0.0.1 or 0.0.0.0');
}

export function parseSize(name: string, value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb)?\s*$/i.exec(value);
  const unit = (match?.[2] ?? 'b').toLowerCase();
  const bytes = match ? Math.floor(Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1)) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw bad(name, value, 'is not a size; use bytes, or a number with kb or mb, e.g. 1mb');
  if (bytes > MAX_BYTES) throw bad(name, value, `is larger than the ${MAX_BYTES / 1024 / 1024}mb sopaudit reads in one document`);
  return bytes;
}

/** MONGODB_URI alone, checked (for `sopaudit token`, which needs no other setting). */
export function mongodbUriFrom(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env.MONGODB_URI;
  return value === undefined || value === '' ? undefined : parseMongoUri(value);
}

function parseMongoUri(value: string): string {
  if (!/^mongodb(\+srv)?:\/\/[^\s/?#]+/.test(value)) {
    // The value may hold a password: never echo it.
    throw new ServerConfigError('MONGODB_URI is not a MongoDB connection string; it starts with mongodb:// or mongodb+srv://, e.g. mongodb://localhost:27017/sopaudit');
  }
  return value;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(name: string, value: string): boolean | number | string[] {
  const text = value.trim();
  if (text === 'false') return false;
  if (text === 'true') {
    throw bad(name, value, 'would trust any X-Forwarded-For (anyone could choose their rate-limit key); give the hop count or the proxy addresses, e.g. 1 or loopback');
  }
  if (/^\d+$/.test(text)) return parseWhole(name, text, 0, 100);
  const parts = text.split(',').map((part) => part.trim());
  for (const part of parts) {
    const [address, bits, extra] = part.split('/');
    const family = net.isIP(address ?? '');
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!(PROXY_NAMES.has(part) || (family !== 0 && okBits && extra === undefined))) {
      throw bad(name, value, 'must be false, a hop count, or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal');
    }
  }
  return parts;
}

function parseLogLevel(name: string, value: string): LogLevel {
  const level = value.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw bad(name, value, `is not a log level; use one of ${LOG_LEVELS.join(', ')}`);
}
