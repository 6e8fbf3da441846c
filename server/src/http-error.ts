import type { ErrorBody } from '@omise-signup/shared';
import type { ErrorRequestHandler, Response } from 'express';
import { isProxyError, ProxyError } from './errors.ts';
import type { Logger } from './logger.ts';
import { scopeOf } from './request-scope.ts';

export function errorBody(error: ProxyError, id: string): ErrorBody {
  return {
    object: 'error',
    code: error.code,
    message: error.message,
    request_id: id,
    ...(error.fields ? { fields: error.fields } : {}),
  };
}

/** body-parser's errors (express.json) say what went wrong in a `type`. */
function isBodyParserError(error: unknown): error is Error & { type: string } {
  return error instanceof Error && 'type' in error && typeof error.type === 'string';
}

/**
 * The one place anything thrown becomes an error of the closed list: our own ProxyErrors as they
 * are, body-parser's by their `type`, and everything else as `internal_error` (keeping the cause
 * for the log, never for the answer).
 */
export function toProxyError(error: unknown): ProxyError {
  if (isProxyError(error)) return error;
  if (isBodyParserError(error)) {
    switch (error.type) {
      case 'entity.too.large':
        return new ProxyError('payload_too_large', 'The request body is too large: send at most 16 KB of JSON.');
      case 'entity.parse.failed':
        return new ProxyError('validation_error', 'The request body is not valid JSON.', {
          fields: [{ field: '(body)', message: 'Send a JSON object.' }],
        });
      case 'request.aborted':
      case 'request.size.invalid':
        // The client went away mid-body, or sent less than it announced: its problem, not a bug.
        return new ProxyError('validation_error', 'The request body ended before its announced length.', {
          fields: [{ field: '(body)', message: 'Send the whole body.' }],
        });
      case 'encoding.unsupported':
        return new ProxyError('unsupported_media_type', 'Send the body uncompressed, without a Content-Encoding.');
      case 'charset.unsupported':
        return new ProxyError(
          'unsupported_media_type',
          'Send the body as UTF-8 JSON (Content-Type: application/json).',
        );
    }
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
    const scope = scopeOf(req);
    if (mapped.code === 'internal_error') (scope?.log ?? logger)?.error({ err: error }, 'unhandled error');
    sendError(res, mapped, scope?.id ?? '');
  };
}
