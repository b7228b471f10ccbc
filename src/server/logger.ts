/**
 * The server's logger: pino, JSON lines. Requests are logged by method,
 * path (never the query), status, time, client IP and token id; headers
 * are never logged, and secrets are redacted should one reach a log call.
 */
import type { RequestHandler } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Principal } from './auth';
import type { LogLevel } from './config';

export type { Logger };

export const REDACT = [
  'authorization',
  'cookie',
  'token',
  'secret',
  'password',
  '*.authorization',
  '*.cookie',
  '*.token',
  '*.secret',
  '*.password',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * A token pasted into the address by mistake (`/api/branches/sopa_…`) would
 * reach the log with the path: its secret part is cut out, the id kept.
 */
export function pathForLog(path: string): string {
  return path.replace(/(sopa_[0-9a-f]{16}_|sopa_)[A-Za-z0-9_-]+/g, '$1[redacted]');
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { name: 'sopaudit' }, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const principal = res.locals.principal as Principal | undefined;
      logger.info(
        {
          method: req.method,
          path: pathForLog(req.path),
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - start) / 1000n) / 1000,
          ip: req.ip,
          ...(principal ? { tokenId: principal.tokenId } : {}),
        },
        'request',
      );
    });
    next();
  };
}
