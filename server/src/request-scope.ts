import { randomUUID } from 'node:crypto';
import { findCardNumber, maskCardNumbers } from '@omise-signup/shared';
import type { Request, Response } from 'express';
import type { Logger } from './logger.ts';

/** What every part of the proxy knows about one request: its id, its logger, its upstream time. */
export interface RequestScope {
  /** The request's id: a safe incoming `X-Request-Id` (so ids join across services), else a new one. */
  readonly id: string;
  /** Stamps `request_id` on every line. */
  readonly log: Logger | undefined;
  /** The time each upstream call took, in ms, for the request's log line. */
  readonly upstreamMs: number[];
}

/**
 * A client's request id we repeat in answers and logs: a token (a UUID, a ULID, nginx's
 * `$request_id`) and nothing that could carry other data, so no dots, spaces or card numbers.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
const scopes = new WeakMap<Request, RequestScope>();

/** True when the proxy may answer and log `id` as the request's id. */
export function isSafeRequestId(id: string): boolean {
  return SAFE_REQUEST_ID.test(id) && findCardNumber(id) === null;
}

/**
 * The request's scope, opened by whoever sees the request first (createApp's request logging, or
 * the customers router mounted alone) and the same for everyone after: the one place a request
 * gets its id, its `X-Request-Id` answer header and its logger. A client id that is not safe is
 * replaced by a new one, in the answer and the logs, and the log says so.
 */
export function openScope(req: Request, res: Response, logger: Logger | undefined): RequestScope {
  const open = scopes.get(req);
  if (open) return open;
  const incoming = req.headers['x-request-id'];
  const kept = typeof incoming === 'string' && isSafeRequestId(incoming);
  const id = kept ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  const scope: RequestScope = { id, log: logger?.child({ request_id: id }), upstreamMs: [] };
  scopes.set(req, scope);
  if (incoming !== undefined && !kept) {
    // Masked before it is cut short, so that no cut leaves a card number's digits the scrubber cannot see.
    const sent = maskCardNumbers(Array.isArray(incoming) ? incoming.join(', ') : incoming).slice(0, 128);
    scope.log?.info(
      { client_request_id: sent },
      "replaced the client's X-Request-Id: not 8 to 64 letters, digits, _ or -, or it held a card number",
    );
  }
  return scope;
}

/** The scope of a request already opened, if any. */
export function scopeOf(req: Request): RequestScope | undefined {
  return scopes.get(req);
}
