/**
 * Errors as HTTP speaks them. Handlers and middleware throw HttpError (or
 * let the service's domain errors through); one error middleware, last in
 * the app, turns everything into `{ error, message }` JSON with the right
 * status and never a stack trace.
 */
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { StoreClosedError } from '../store/types';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    /** A stable machine-readable code, snake_case. */
    readonly code: string,
    message: string,
    /** More fields of the body (line and column, findings, …). */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error: code, message, ...extra });
}

/** body-parser's error types, as statuses and codes. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'payload_too_large', 'the body is larger than the limit of {limit} bytes'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'compressed bodies are not accepted; send the document uncompressed'],
  'charset.unsupported': [415, 'unsupported_charset', 'send the document as UTF-8'],
  'request.aborted': [400, 'request_aborted', 'the client stopped sending the body'],
  'request.size.invalid': [400, 'bad_request', 'the body is not as long as Content-Length says'],
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      res.set(error.headers);
      sendError(res, error.status, error.code, error.message, error.extra);
      return;
    }
    if (error instanceof StoreClosedError) {
      res.set('Retry-After', '5');
      sendError(res, 503, 'unavailable', 'the server is shutting down; try again shortly');
      return;
    }
    const type = (error as { type?: unknown })?.type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known) {
      const limit = (error as { limit?: unknown }).limit;
      sendError(res, known[0], known[1], known[2].replace('{limit}', String(limit)));
      return;
    }
    const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // A client error from Express itself (a URL that does not decode, …).
      sendError(res, status, status === 400 ? 'bad_request' : 'client_error', (error as { expose?: unknown }).expose === false ? 'bad request' : (error as Error).message);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    sendError(res, 500, 'internal', 'internal server error');
  };
}
