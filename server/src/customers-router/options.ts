import type { CreateCustomerRequest, NormalisedCustomer } from '@omise-signup/shared';
import type { Request } from 'express';
import type { Store } from 'express-rate-limit';
import type { IdempotencyStore } from '../idempotency.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { OmiseClient } from '../omise-client.ts';

type MaybePromise<T> = T | Promise<T>;

/** Values the merchant's server sets on the customer; they override what the browser sent. */
export interface ServerCustomerFields {
  description?: string;
  metadata?: Record<string, unknown>;
}

/** What the widget needs when it carries no settings of its own, served at `GET /config`. */
export interface RouterPublicConfig {
  publicKey: string;
  vaultUrl: string;
  omiseJsUrl: string;
  /** The card frame's URL, on an origin other than the page's, when there is one. */
  cardFrameUrl?: string;
}

/**
 * What the router is built from. Its dependencies come built: the router creates nothing, so it
 * closes nothing but its own wait for requests in flight.
 */
export interface CustomersRouterOptions {
  /** The Omise client (`createOmiseClient`), which the router uses and never closes. */
  omise: OmiseClient;
  /** Where idempotency records live: `new MemoryIdempotencyStore()` for one instance, Redis for many. */
  idempotencyStore: IdempotencyStore;
  /** Served at `GET /config`, so a bare `<omise-signup>` finds its key and Omise.js. */
  publicConfig?: RouterPublicConfig;
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
  /**
   * Server-side fields for the customer, e.g. your own user id in `metadata`. Checked for card
   * numbers like the browser's fields: one anywhere in them fails the request (500
   * `internal_error`, logged with where it was) and nothing is sent to Omise.
   */
  customerFields?(req: Request, input: CreateCustomerRequest): MaybePromise<ServerCustomerFields>;
  /** Called after Omise created the customer; a failure here is logged, not sent to the browser. */
  onCreated?(customer: NormalisedCustomer, req: Request): MaybePromise<void>;
  logger?: Logger;
  metrics?: Metrics;
  /** How long a repeat waits for the first request with its key before 409. Default 15 s. */
  inFlightWaitMs?: number;
  /**
   * How long a claim on a key holds before a repeat may take it over (reconciling first). Must
   * outlast reconcile and create, each up to the upstream timeout. Default 60 s.
   */
  leaseMs?: number;
  /**
   * How far a reconciliation looks back before the first attempt with a key started, for the
   * difference between this machine's clock and Omise's. Default 5 minutes.
   */
  reconcileSkewMs?: number;
  /** How long `close()` waits for requests still in the router (upstream calls). Default 35 s. */
  closeWaitMs?: number;
}
