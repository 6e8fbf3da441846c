import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

/**
 * Opens the proxy's connection to Omise before a signup needs it. On a quiet shop the connection
 * from the last signup is gone by the time the next shopper submits, and a new one costs TCP's and
 * TLS's handshakes, two round trips to Omise, while the shopper waits. The widget sends
 * `POST {router}/warmup` (`/api/warmup` in `createApp`) when the shopper first focuses the form;
 * the warm-up runs while they type.
 *
 * A pooled connection that Omise closed while it sat idle fails the moment it is reused (ECONNRESET):
 * the warm-up absorbs that, so it tries once more, on a new connection, when its call fails.
 * It can never multiply calls to Omise: one warm-up at a time, at most one per `minIntervalMs`
 * (two calls when the first fails), however often it is asked. Failures are otherwise the next
 * real call's business: it reports them to the shopper; a warm-up only logs them at debug level.
 */
export interface UpstreamWarmer {
  /** Starts a warm-up unless one ran within the interval; never throws, never waits. */
  warm(): void;
}

export interface UpstreamWarmerOptions {
  /**
   * One cheap authenticated call on the client the creates use, so its keep-alive agent keeps the
   * connection: the router passes `omise.ping()` (`GET /customers?limit=1`).
   */
  call: () => Promise<unknown>;
  /** Default 1000: at most one warm-up call to Omise per second. */
  minIntervalMs?: number;
  logger?: Logger;
  now?: () => number;
}

export const WARMUP_MIN_INTERVAL_MS = 1000;

export function createUpstreamWarmer(options: UpstreamWarmerOptions): UpstreamWarmer {
  const interval = options.minIntervalMs ?? WARMUP_MIN_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let last = Number.NEGATIVE_INFINITY;
  let running = false;
  return {
    warm() {
      if (running || now() - last < interval) return;
      running = true;
      last = now();
      options
        .call()
        .catch(() => options.call())
        .catch((error: unknown) =>
          options.logger?.debug({ code: (error as { code?: unknown })?.code }, 'upstream warm-up failed'),
        )
        .finally(() => {
          running = false;
        });
    },
  };
}

/** `POST /warmup`: 204 at once; the warm-up carries on after the answer. */
export function warmupStep(warmer: UpstreamWarmer): RequestHandler {
  return (_req, res) => {
    warmer.warm();
    res.status(204).end();
  };
}
