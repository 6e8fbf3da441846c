import type { ErrorRequestHandler } from 'express';
import { sendError, toProxyError } from '../http-error.ts';
import { contextOf } from './context.ts';

/**
 * The router's last handler: whatever a step threw becomes an error of the closed list, in the
 * wire shape, with the request's id. Never an HTML page, a stack or an upstream body.
 */
export const errorEdge: ErrorRequestHandler = (error, req, res, _next) => {
  const context = contextOf(req);
  const mapped = toProxyError(error);
  if (mapped.code === 'internal_error') context.scope.log?.error({ err: error }, 'unhandled error');
  if (!res.headersSent && !res.destroyed) sendError(res, mapped, context.scope.id);
  context.done();
};
