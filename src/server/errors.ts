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

/** What a body-parser error means: its status, the API's code and message, and the pages' message. */
export interface BodyError {
  status: number;
  code: string;
  message: string;
  page: 'page.error.tooLarge' | 'page.error.unsupported' | 'page.error.badForm';
}

/** body-parser's error types, for the API and the pages alike. */
const BODY_ERRORS: Record<string, BodyError> = {
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'the body is larger than the limit of {limit} bytes', page: 'page.error.tooLarge' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'compressed bodies are not accepted; send the document uncompressed', page: 'page.error.unsupported' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'send the document as UTF-8', page: 'page.error.unsupported' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'the client stopped sending the body', page: 'page.error.badForm' },
  'request.size.invalid': { status: 400, code: 'bad_request', message: 'the body is not as long as Content-Length says', page: 'page.error.badForm' },
};

/** The body-parser error an error is, if it is one. */
export function bodyErrorOf(error: unknown): BodyError | undefined {
  const type = (error as { type?: unknown })?.type;
  return typeof type === 'string' && Object.hasOwn(BODY_ERRORS, type) ? BODY_ERRORS[type] : undefined;
}

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
    const known = bodyErrorOf(error);
    if (known) {
      const limit = (error as { limit?: unknown }).limit;
      sendError(res, known.status, known.code, known.message.replace('{limit}', String(limit)));
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
