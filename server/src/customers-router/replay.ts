import type { RequestHandler, Response } from 'express';
import type { IdempotencyStore, StoredResponse } from '../idempotency.ts';
import type { Metrics } from '../metrics.ts';
import { lookUpKey } from './claim.ts';
import { contextOf } from './context.ts';

/** Sends a stored answer again, as it was, marked as a replay. */
export function sendReplay(res: Response, stored: StoredResponse, metrics: Metrics | undefined): void {
  metrics?.idempotentReplay();
  res.setHeader('Idempotent-Replayed', 'true');
  res.status(stored.status).json(stored.body);
}

/**
 * Answers a repeat from its key's record before the email limit and the merchant's `verify` hook
 * run: a replay is not another signup attempt (and a CAPTCHA token would not pass twice). While the
 * first request still runs, it waits for it.
 */
export function replayStep(
  store: IdempotencyStore,
  inFlightWaitMs: number,
  metrics: Metrics | undefined,
): RequestHandler {
  return async (req, res, next) => {
    const context = contextOf(req);
    if (!context.idempotency) return next();
    const { key, fingerprint } = context.idempotency;
    const wait = { deadline: Date.now() + inFlightWaitMs, gone: () => req.socket.destroyed };
    const state = await lookUpKey(store, key, fingerprint, wait);
    if ('free' in state) return next();
    sendReplay(res, state.answer, metrics);
    context.done();
  };
}
