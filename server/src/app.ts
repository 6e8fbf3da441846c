import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config.ts';
import { corsAllowlist } from './cors.ts';
import { type CustomersRouterOptions, createCustomersRouter } from './customers-router/index.ts';
import { isProxyError, ProxyError } from './errors.ts';
import { errorHandler } from './http-error.ts';
import { type IdempotencyStore, MemoryIdempotencyStore } from './idempotency.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createOmiseClient, type OmiseClient } from './omise-client.ts';
import { requestContext } from './request-context.ts';
import { scopeOf } from './request-scope.ts';
import { staticSite } from './static-site.ts';

/** What createApp can be handed instead of building its own: fakes in tests, Redis in production. */
export interface AppDeps {
  logger?: Logger;
  metrics?: Metrics;
  omise?: OmiseClient;
  idempotencyStore?: IdempotencyStore;
  rateLimitStore?: NonNullable<CustomersRouterOptions['limits']>['store'];
  /** The merchant hooks of the customers router. */
  hooks?: Pick<CustomersRouterOptions, 'authorize' | 'verify' | 'customerFields' | 'onCreated'>;
  /** Extra readiness check (Redis, say); throws when not ready. */
  ready?: () => Promise<void>;
}

export type App = Express & {
  /** Frees what the app opened: upstream sockets, stores it created. */
  close(): Promise<void>;
  locals: { logger: Logger; metrics: Metrics };
};

const origin = (url: string) => new URL(url).origin;

const API_HEADERS = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Cache-Control', 'no-store'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Resource-Policy', 'same-site'],
  ['X-Frame-Options', 'DENY'],
] as const;

/**
 * The proxy as an Express app, configured and not listening: `main.ts` listens, tests start it on
 * port 0. What `deps` leaves out, it builds here (and so closes in `close()`); the customers router
 * gets everything built. @example const app = createApp(loadConfig(process.env)); app.listen(3000)
 */
export function createApp(config: Config, deps: AppDeps = {}): App {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const metrics = deps.metrics ?? createMetrics();
  const omise =
    deps.omise ??
    createOmiseClient({
      secretKey: config.secretKey,
      apiUrl: config.apiUrl,
      apiVersion: config.apiVersion,
      timeoutMs: config.upstreamTimeoutMs,
      ...(config.httpsProxy ? { httpsProxy: config.httpsProxy } : {}),
      logger,
      metrics,
    });
  const idempotencyStore = deps.idempotencyStore ?? new MemoryIdempotencyStore();

  const app = express() as unknown as App;
  app.disable('x-powered-by');
  // No ETag hashing of every answer: API answers are not cached, and the static site sets its own.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.locals.logger = logger;
  app.locals.metrics = metrics;

  app.use(requestContext(logger, metrics));

  // The JSON API first, with a few fixed headers: helmet's page headers (CSP and the rest) cost
  // a twentieth of the proxy's CPU per request in the profile and mean nothing on JSON.
  app.use('/api', (_req, res, next) => {
    for (const [name, value] of API_HEADERS) res.setHeader(name, value);
    next();
  });
  app.use('/api', corsAllowlist(config.allowedOrigins));
  const customers = createCustomersRouter({
    omise,
    idempotencyStore,
    ...(config.publicKey
      ? {
          publicConfig: {
            publicKey: config.publicKey,
            vaultUrl: config.vaultUrl,
            omiseJsUrl: config.omiseJsUrl,
            ...(config.cardFrameUrl ? { cardFrameUrl: config.cardFrameUrl } : {}),
          },
        }
      : {}),
    limits: {
      ipPerMinute: config.rateLimitIpPerMin,
      emailPerHour: config.rateLimitEmailPerHour,
      ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
    },
    logger,
    metrics,
    // A claim must outlast a whole request (reconcile, create, reconcile), each up to the timeout.
    leaseMs: Math.max(60_000, 3 * config.upstreamTimeoutMs + 15_000),
    closeWaitMs: 3 * config.upstreamTimeoutMs + 5_000,
    ...deps.hooks,
  });
  app.use('/api', customers);
  // Our own words only: the path is the client's, and may hold anything.
  app.use('/api', (_req, _res, next) => {
    next(
      new ProxyError('not_found', 'The API has no such endpoint: it answers POST /api/customers and GET /api/config.'),
    );
  });

  // A strict CSP and the other page headers for the demo page. It frames the card frame; Omise.js
  // (for inline card fields) may frame or call its vault.
  const omiseOrigins = [...new Set([origin(config.omiseJsUrl), origin(config.vaultUrl)])];
  const frameOrigins = config.cardFrameUrl ? [origin(config.cardFrameUrl)] : [];
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", ...omiseOrigins],
          connectSrc: ["'self'", ...omiseOrigins],
          frameSrc: [...omiseOrigins, ...frameOrigins],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );

  // `/readyz?upstream` asks Omise at most every 10 s, however often it is called (it is public).
  let upstreamChecked: { at: number; result: Promise<string> } | undefined;
  const upstreamCheck = (log: Logger) => {
    if (!upstreamChecked || Date.now() - upstreamChecked.at > 10_000) {
      const result = omise.ping({ logger: log }).then(
        () => 'ok',
        (error: unknown) => (isProxyError(error) ? error.code : 'error'),
      );
      upstreamChecked = { at: Date.now(), result };
    }
    return upstreamChecked.result;
  };

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    const checks: Record<string, string> = { config: 'ok' };
    try {
      await idempotencyStore.ping();
      await deps.ready?.();
      checks.store = 'ok';
    } catch (error) {
      // The answer is public and in our words; the cause (which may name a host or a URL) is logged.
      checks.store = 'unreachable';
      (scopeOf(req)?.log ?? logger).warn({ err: error }, 'not ready: the store is unreachable');
    }
    if (req.query.upstream !== undefined) checks.upstream = await upstreamCheck(scopeOf(req)?.log ?? logger);
    const ready = Object.values(checks).every((value) => value === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  if (config.staticDir) app.use(staticSite(config.staticDir));
  app.use((_req, _res, next) => next(new ProxyError('not_found', 'There is nothing at this address.')));
  app.use(errorHandler(logger));

  app.close = async () => {
    // The router first: it waits for requests still talking to Omise, then the sockets go.
    await customers.close();
    if (!deps.omise) omise.close();
    if (!deps.idempotencyStore) await idempotencyStore.close();
  };
  return app;
}
