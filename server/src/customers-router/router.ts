import { type RequestHandler, Router } from 'express';
import { openContext } from './context.ts';
import { createStep } from './create.ts';
import { errorEdge } from './error-edge.ts';
import { idempotencyKey } from './idempotency-key.ts';
import { InFlight } from './in-flight.ts';
import { authorizeStep, verifyStep } from './merchant-gates.ts';
import type { CustomersRouterOptions } from './options.ts';
import { publicConfigStep } from './public-config.ts';
import { limitStep } from './rate-limit.ts';
import { replayStep } from './replay.ts';
import { parseJson, requireJson } from './require-json.ts';
import { validate } from './validate.ts';
import { createUpstreamWarmer, warmupStep } from './warmup.ts';

export type CustomersRouter = Router & {
  /** Waits for requests still talking to Omise to record their outcome (up to `closeWaitMs`). */
  close(): Promise<void>;
};

const isStep = (step: RequestHandler | undefined | false): step is RequestHandler => typeof step === 'function';

/**
 * `POST /customers` (and `GET /config`, `POST /warmup`) for the widget, as an Express Router a merchant
 * mounts anywhere.
 * @example app.use('/api', createCustomersRouter({ omise: createOmiseClient({ secretKey }), idempotencyStore: new MemoryIdempotencyStore() }))
 */
export function createCustomersRouter(options: CustomersRouterOptions): CustomersRouter {
  const { omise, idempotencyStore: store, limits, logger, metrics } = options;
  const inFlight = new InFlight();
  const inFlightWaitMs = options.inFlightWaitMs ?? 15_000;
  const limit = (name: 'ip' | 'email', max: number, windowMs: number) =>
    limitStep(name, { max, windowMs, store: limits?.store, metrics });

  // Only the steps this router needs, in order: each one is a hop on the hot path.
  const steps = [
    openContext(logger, inFlight),
    requireJson,
    parseJson,
    limit('ip', limits?.ipPerMinute ?? 20, 60_000),
    options.authorize && authorizeStep(options.authorize),
    validate,
    idempotencyKey,
    replayStep(store, inFlightWaitMs, metrics),
    limit('email', limits?.emailPerHour ?? 5, 3_600_000),
    options.verify && verifyStep(options.verify),
    createStep({
      omise,
      store,
      metrics,
      inFlightWaitMs,
      leaseMs: options.leaseMs ?? 60_000,
      reconcileSkewMs: options.reconcileSkewMs ?? 5 * 60_000,
      customerFields: options.customerFields,
      onCreated: options.onCreated,
    }),
  ];

  const router = Router();
  router.get('/config', publicConfigStep(options.publicConfig));
  // The widget's beacon on first focus: the connection to Omise opens while the shopper types.
  router.post('/warmup', warmupStep(createUpstreamWarmer({ call: () => omise.ping({ logger }), logger })));
  router.post('/customers', ...steps.filter(isStep), errorEdge);
  return Object.assign(router, { close: () => inFlight.drain(options.closeWaitMs ?? 35_000) });
}
