import { randomUUID } from 'node:crypto';
import type { ErrorBody } from '@omise-signup/shared';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { isProxyError, ProxyError } from './errors.ts';
import type { Logger } from './logger.ts';

/** The request's id: set by the logging middleware, else by the router for itself. */
export function requestId(req: Request): string {
  const id = (req as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Takes a sane incoming X-Request-Id (so ids join across services) or makes a new one. */
export function requestIdFrom(req: { headers: Record<string, unknown> }): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function errorBody(error: ProxyError, id: string): ErrorBody {
  return {
    object: 'error',
    code: error.code,
    message: error.message,
    request_id: id,
    ...(error.fields ? { fields: error.fields } : {}),
  };
}

/** Turns anything thrown into a ProxyError; body-parser's errors carry a `type`. */
export function toProxyError(error: unknown): ProxyError {
  if (isProxyError(error)) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return new ProxyError('payload_too_large', 'The request body is too large: send at most 16 KB of JSON.');
  }
  if (type === 'entity.parse.failed') {
    return new ProxyError('validation_error', 'The request body is not valid JSON.', {
      fields: [{ field: '(body)', message: 'Send a JSON object.' }],
    });
  }
  if (type === 'request.aborted' || type === 'request.size.invalid') {
    // The client went away mid-body, or sent less than it announced: its problem, not a bug.
    return new ProxyError('validation_error', 'The request body ended before its announced length.', {
      fields: [{ field: '(body)', message: 'Send the whole body.' }],
    });
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ProxyError('unsupported_media_type', 'Send the body as UTF-8 JSON (Content-Type: application/json).');
  }
  return new ProxyError('internal_error', 'Something went wrong on our side. Try again.', { cause: error });
}

export function sendError(res: Response, error: ProxyError, id: string): void {
  if (error.extra.retryAfterSeconds !== undefined && !res.hasHeader('Retry-After')) {
    res.setHeader('Retry-After', String(error.extra.retryAfterSeconds));
  }
  res.status(error.status).json(errorBody(error, id));
}

/**
 * The last middleware: every error becomes the wire shape from shared. Never an HTML page,
 * never a stack, never an upstream body.
 */
export function errorHandler(logger: Logger | undefined): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const mapped = toProxyError(error);
    const log = (req as { log?: Logger }).log ?? logger;
    if (mapped.code === 'internal_error') log?.error({ err: error }, 'unhandled error');
    sendError(res, mapped, requestId(req));
  };
}
