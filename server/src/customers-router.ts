import {
  CreateCustomerRequest,
  containsCardNumber,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  type NormalisedCustomer,
  toFieldErrors,
} from '@omise-signup/shared';
import express, { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { ProxyError } from './errors.ts';
import { errorBody, requestId, requestIdFrom, sendError, toProxyError } from './http-error.ts';
import {
  fingerprint,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyStore,
  MemoryIdempotencyStore,
  type StoredResponse,
} from './idempotency.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { createOmiseClient, type OmiseClient, type OmiseClientOptions } from './omise-client.ts';

type MaybePromise<T> = T | Promise<T>;

/** Values the merchant's server sets on the customer; they override what the browser sent. */
export interface ServerCustomerFields {
  description?: string;
  metadata?: Record<string, unknown>;
}

export interface CustomersRouterOptions {
  /** An Omise client, or the options to create one (at least `secretKey`). */
  omise: OmiseClient | OmiseClientOptions;
  /** Where idempotency records live; one instance's memory when omitted. */
  idempotencyStore?: IdempotencyStore;
  limits?: {
    /** Creates per client IP per minute; 0 turns the limit off. Default 20. */
    ipPerMinute?: number;
    /** Creates per email address per hour; 0 turns the limit off. Default 5. */
    emailPerHour?: number;
    /** A store per limit, shared across instances (rate-limit-redis); memory when omitted. */
    store?: (limit: 'ip' | 'email') => Store;
  };
  /** Return false to refuse the request with 401 `unauthorized` (a signed-in session, say). */
  authorize?(req: Request): MaybePromise<boolean>;
  /** Return false to refuse the request with 403 `verification_failed` (a CAPTCHA check, say). */
  verify?(req: Request): MaybePromise<boolean>;
  /** Server-side fields for the customer, e.g. your own user id in `metadata`. */
  customerFields?(req: Request, input: CreateCustomerRequest): MaybePromise<ServerCustomerFields>;
  /** Called after Omise created the customer; a failure here is logged, not sent to the browser. */
  onCreated?(customer: NormalisedCustomer, req: Request): MaybePromise<void>;
  logger?: Logger;
  metrics?: Metrics;
  /** How long a repeat waits for the first request with its key before 409. Default 15 s. */
  inFlightWaitMs?: number;
  /**
   * How long a claim on a key holds before a repeat may take it over (reconciling first). Must
   * outlast a whole request: reconcile, create and reconcile again. Default 60 s.
   */
  leaseMs?: number;
  /** How long `close()` waits for requests still in the router (upstream calls). Default 35 s. */
  closeWaitMs?: number;
  /** How many of the newest customers a reconciliation looks through. Default 100. */
  reconcileWindow?: number;
}

interface Claim {
  key: string;
  owner: string;
  fingerprint: string;
  /** An earlier attempt may have created the customer: look for it before creating. */
  reconcile: boolean;
  /** The create has been sent to Omise: from here an unexplained failure is an unknown outcome. */
  sent: boolean;
  settled: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]+$/;
// Omise's answers that are final: a repeat of the same request would get the same answer.
const FINAL_CODES = new Set(['invalid_card', 'used_token', 'not_found', 'bad_request']);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `POST /customers` for the widget, as an Express Router a merchant mounts anywhere.
 * @example app.use('/api', createCustomersRouter({ omise: { secretKey: process.env.OMISE_SECRET_KEY } }))
 */
export function createCustomersRouter(options: CustomersRouterOptions): Router & { close(): Promise<void> } {
  const omise = 'createCustomer' in options.omise ? options.omise : createOmiseClient(options.omise);
  const ownsClient = omise !== options.omise;
  const store = options.idempotencyStore ?? new MemoryIdempotencyStore();
  const { logger, metrics } = options;
  const inFlightWaitMs = options.inFlightWaitMs ?? 15_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const reconcileWindow = options.reconcileWindow ?? 100;
  const closeWaitMs = options.closeWaitMs ?? 35_000;
  // Requests between entering the router and their last store write, for a graceful close.
  const inFlight = new Set<Promise<void>>();

  const router = Router();
  const log = (req: Request): Logger | undefined => (req as { log?: Logger }).log ?? logger;

  const context: RequestHandler = (req, res, next) => {
    if (!requestId(req)) {
      (req as { id?: string }).id = requestIdFrom(req);
      res.setHeader('X-Request-Id', requestId(req));
    }
    let finish = () => {};
    const running = new Promise<void>((resolve) => {
      finish = resolve;
    });
    inFlight.add(running);
    (res.locals as Locals).done = () => {
      inFlight.delete(running);
      finish();
    };
    next();
  };

  const requireJson: RequestHandler = (req, _res, next) => {
    if (!req.is('application/json')) {
      return next(
        new ProxyError(
          'unsupported_media_type',
          'Send the body as JSON with the header Content-Type: application/json.',
        ),
      );
    }
    next();
  };

  const limiter = (limit: 'ip' | 'email', max: number, windowMs: number, key?: (req: Request) => string) =>
    rateLimit({
      windowMs,
      limit: max,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      ...(options.limits?.store ? { store: options.limits.store(limit) } : {}),
      ...(key ? { keyGenerator: key, skip: (req: Request) => key(req) === '' } : {}),
      handler: (req, _res, next, limiterOptions) => {
        metrics?.rateLimited(limit);
        const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
        log(req)?.warn({ limit, max: limiterOptions.limit }, 'rate limit reached');
        next(
          new ProxyError(
            'rate_limited',
            limit === 'ip'
              ? `Too many sign-up attempts from your network. Try again in ${seconds} seconds.`
              : `Too many sign-up attempts for this email address. Try again in ${Math.ceil(seconds / 60)} minutes.`,
            { retryAfterSeconds: seconds },
          ),
        );
      },
      validate: { xForwardedForHeader: false },
    });

  const ipPerMinute = options.limits?.ipPerMinute ?? 20;
  const emailPerHour = options.limits?.emailPerHour ?? 5;
  const ipLimit = ipPerMinute > 0 ? limiter('ip', ipPerMinute, 60_000) : undefined;
  const emailLimit =
    emailPerHour > 0
      ? limiter('email', emailPerHour, 3_600_000, (req) => String(res(req).input?.email ?? '').toLowerCase())
      : undefined;

  interface Locals {
    input?: CreateCustomerRequest;
    claim?: Claim;
    /** Marks the request finished with the store and upstream (see `inFlight`). */
    done?: () => void;
  }
  const res = (req: Request) => req.res?.locals as Locals;

  const authorize: RequestHandler = async (req, _res, next) => {
    if (options.authorize && !(await options.authorize(req))) {
      return next(
        new ProxyError('unauthorized', 'You are not allowed to create an account here. Sign in and try again.'),
      );
    }
    next();
  };

  const validate: RequestHandler = (req, response, next) => {
    // Card data first, in whatever field or shape it came: it must be refused as such, and
    // never echoed back in a validation message.
    if (containsCardNumber(req.body)) {
      return next(
        new ProxyError(
          'card_data_rejected',
          'Card numbers must never be sent here. Tokenize the card with Omise.js and send the token id.',
        ),
      );
    }
    const parsed = CreateCustomerRequest.safeParse(req.body);
    if (!parsed.success) {
      return next(
        new ProxyError('validation_error', 'Some fields are not valid.', { fields: toFieldErrors(parsed.error) }),
      );
    }
    (response.locals as Locals).input = parsed.data;
    next();
  };

  function replay(response: Response, stored: StoredResponse): void {
    metrics?.idempotentReplay();
    response.setHeader('Idempotent-Replayed', 'true');
    response.status(stored.status).json(stored.body);
    (response.locals as Locals).done?.();
  }

  const idempotency: RequestHandler = async (req, response, next) => {
    const key = req.get('Idempotency-Key');
    if (key === undefined) return next();
    if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH || !IDEMPOTENCY_KEY.test(key)) {
      return next(
        new ProxyError('validation_error', 'The Idempotency-Key header is not valid.', {
          fields: [
            {
              field: 'Idempotency-Key',
              message: `Use 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters, e.g. a UUID.`,
            },
          ],
        }),
      );
    }
    const locals = response.locals as Locals;
    const print = fingerprint(locals.input ?? {});
    const deadline = Date.now() + inFlightWaitMs;
    for (;;) {
      const result = await store.claim(key, print, leaseMs);
      if (result.claimed) {
        locals.claim = {
          key,
          owner: result.owner,
          fingerprint: print,
          reconcile: result.reconcile,
          sent: false,
          settled: false,
        };
        return next();
      }
      const { record } = result;
      if (record.fingerprint !== print) {
        return next(
          new ProxyError(
            'idempotency_conflict',
            'This Idempotency-Key was already used with a different request. Use a new key for new data.',
          ),
        );
      }
      if (record.state === 'done') return replay(response, record.response);
      if (record.state === 'running') {
        // Another request with this key is running (here or on another instance): wait for it,
        // unless the client has gone (nobody would read the answer).
        if (req.socket.destroyed) return locals.done?.();
        if (Date.now() >= deadline) {
          return next(
            new ProxyError(
              'request_in_progress',
              'This request is still being processed. Wait a moment and try again.',
              {
                retryAfterSeconds: 1,
              },
            ),
          );
        }
        await delay(20);
      }
    }
  };

  const verify: RequestHandler = async (req, _res, next) => {
    if (options.verify && !(await options.verify(req))) {
      return next(
        new ProxyError('verification_failed', 'We could not verify this sign-up. Complete the check and try again.'),
      );
    }
    next();
  };

  /** Finds a customer an earlier attempt with this key created, when that attempt's answer was lost. */
  async function reconcile(req: Request, claim: Claim): Promise<NormalisedCustomer | undefined> {
    try {
      const list = await omise.listCustomers(
        { order: 'reverse_chronological', limit: Math.min(100, reconcileWindow) },
        { logger: log(req) },
      );
      const found = list.data.find((customer) => customer.metadata.idempotency_key === claim.key);
      metrics?.reconciliation(found ? 'found' : 'not_found');
      log(req)?.info({ found: found?.id ?? null }, 'reconciled a create whose outcome was unknown');
      return found;
    } catch (error) {
      metrics?.reconciliation('failed');
      throw error;
    }
  }

  const create: RequestHandler = async (req, response) => {
    const locals = response.locals as Locals;
    const input = locals.input ?? {};
    const claim = locals.claim;
    const upstream: number[] = [];
    const context = { logger: log(req), onUpstreamMs: (ms: number) => upstream.push(ms) };
    response.locals.upstreamMs = upstream;

    let customer = claim?.reconcile ? await reconcile(req, claim) : undefined;
    if (customer === undefined) {
      const server = (await options.customerFields?.(req, input)) ?? {};
      const metadata = { ...server.metadata, ...(claim ? { idempotency_key: claim.key } : {}) };
      if (claim) claim.sent = true;
      try {
        customer = await omise.createCustomer(
          {
            email: input.email,
            description: server.description ?? input.description,
            card: input.card,
            ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
          },
          context,
        );
      } catch (error) {
        // The token is used and an earlier attempt's answer was lost: that attempt used it,
        // and its customer may have become visible since the first look.
        const retried = claim?.reconcile && (error as ProxyError).code === 'used_token';
        customer = retried && claim ? await reconcile(req, claim) : undefined;
        if (customer === undefined) throw error;
      }
    }
    if (claim) {
      // Omise has the customer now: whatever happens to the record, the shopper gets it.
      claim.settled = true;
      try {
        const stored = await store.complete(
          claim.key,
          claim.owner,
          claim.fingerprint,
          { status: 201, body: customer },
          IDEMPOTENCY_TTL_MS,
        );
        if (!stored) log(req)?.warn({ customer: customer.id }, 'created after the idempotency claim was taken over');
      } catch (storeError) {
        // A repeat will find the claim stale and reconcile, finding this customer.
        log(req)?.error(
          { customer: customer.id, code: (storeError as ProxyError).code },
          'created, but the idempotent answer could not be stored',
        );
      }
    }
    response.status(201).json(customer);
    (response.locals as Locals).done?.();
    try {
      await options.onCreated?.(customer, req);
    } catch (error) {
      log(req)?.error({ err: error, customer: customer.id }, 'onCreated hook failed after the customer was created');
    }
  };

  /** Settles the claim of a failed request: keep final answers, mark lost ones, free the rest. */
  const settle = async (error: unknown, req: Request, response: Response, _next: NextFunction) => {
    const locals = response.locals as Locals;
    const claim = locals.claim;
    const mapped = toProxyError(error);
    if (claim && !claim.settled) {
      claim.settled = true;
      // Sent and not proven refused (or never sent): Omise may have the customer.
      const maybeCreated = claim.sent && mapped.outcome !== 'not_sent' && mapped.outcome !== 'refused';
      try {
        if (FINAL_CODES.has(mapped.code)) {
          const body = errorBody(mapped, requestId(req));
          await store.complete(
            claim.key,
            claim.owner,
            claim.fingerprint,
            { status: mapped.status, body },
            IDEMPOTENCY_TTL_MS,
          );
        } else if (maybeCreated || claim.reconcile) {
          await store.markUnknown(claim.key, claim.owner, claim.fingerprint, IDEMPOTENCY_TTL_MS);
        } else {
          await store.release(claim.key, claim.owner);
        }
      } catch (storeError) {
        log(req)?.error({ code: (storeError as ProxyError).code }, 'could not settle the idempotency record');
      }
    }
    if (mapped.code === 'internal_error') log(req)?.error({ err: error }, 'unhandled error');
    if (!response.headersSent && !response.destroyed) sendError(response, mapped, requestId(req));
    locals.done?.();
  };

  // Only the steps this router needs: every handler is a hop on the hot path.
  const steps: (RequestHandler | undefined)[] = [
    context,
    requireJson,
    express.json({ limit: '16kb', strict: true, type: 'application/json' }),
    ipLimit,
    options.authorize ? authorize : undefined,
    validate,
    idempotency,
    emailLimit,
    options.verify ? verify : undefined,
    create,
  ];
  router.post('/customers', ...steps.filter((step): step is RequestHandler => step !== undefined));
  router.use(settle);

  return Object.assign(router, {
    async close() {
      // Let requests already talking to Omise finish and record their outcome first.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise((resolve) => {
        timer = setTimeout(resolve, closeWaitMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), deadline]);
      clearTimeout(timer);
      if (ownsClient) omise.close();
      if (!options.idempotencyStore) await store.close();
    },
  });
}
