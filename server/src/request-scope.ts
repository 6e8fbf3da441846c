import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Logger } from './logger.ts';

/** What every part of the proxy knows about one request: its id, its logger, its upstream time. */
export interface RequestScope {
  /** The request's id: a sane incoming `X-Request-Id` (so ids join across services), else a new one. */
  readonly id: string;
  /** Stamps `request_id` on every line. */
  readonly log: Logger | undefined;
  /** The time each upstream call took, in ms, for the request's log line. */
  readonly upstreamMs: number[];
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const scopes = new WeakMap<Request, RequestScope>();

/**
 * The request's scope, opened by whoever sees the request first (createApp's request logging, or
 * the customers router mounted alone) and the same for everyone after: the one place a request
 * gets its id, its `X-Request-Id` answer header and its logger.
 */
export function openScope(req: Request, res: Response, logger: Logger | undefined): RequestScope {
  const open = scopes.get(req);
  if (open) return open;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  const scope: RequestScope = { id, log: logger?.child({ request_id: id }), upstreamMs: [] };
  scopes.set(req, scope);
  return scope;
}

/** The scope of a request already opened, if any. */
export function scopeOf(req: Request): RequestScope | undefined {
  return scopes.get(req);
}
