import http from 'node:http';
import https from 'node:https';
import {
  type AnswerShape,
  type ErrorCode,
  errorTraits,
  isCustomerId,
  isErrorCode,
  type NormalisedCustomer,
  OmiseError,
  readCustomer,
} from '@omise-signup/shared';
import axios, { type AxiosResponse } from 'axios';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { isProxyError, ProxyError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { shownMessage } from './omise-message.ts';

export interface OmiseClientOptions {
  secretKey: string;
  apiUrl?: string;
  apiVersion?: string;
  timeoutMs?: number;
  logger?: Logger;
  metrics?: Metrics;
  /** Delays between the tries of a call that surely never reached Omise. */
  retryDelaysMs?: readonly number[];
  /** An HTTP(S) proxy that calls to Omise go through (CONNECT), e.g. OMISE_HTTPS_PROXY; none by default. */
  httpsProxy?: string;
}

export interface CreateCustomerParams {
  email?: string | undefined;
  description?: string | undefined;
  card?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

export interface ListCustomersParams {
  limit?: number;
  offset?: number;
  order?: 'chronological' | 'reverse_chronological';
  /** ISO 8601: only customers created at or after this time. */
  from?: string;
}

/** One page of `GET /customers`, read tolerantly: the customers it holds and what it says of the rest. */
export interface CustomerPage {
  customers: NormalisedCustomer[];
  /** How many items the page held, customers or not. */
  received: number;
  /** How many customers match in all, when Omise said. */
  total: number | undefined;
}

export interface CallContext {
  logger?: Logger | undefined;
  /** Called with the time each upstream call took, for the request's log line. */
  onUpstreamMs?: ((ms: number) => void) | undefined;
}

/** The only way the proxy talks to Omise. Every failure comes out as a ProxyError. */
export interface OmiseClient {
  createCustomer(params: CreateCustomerParams, context?: CallContext): Promise<NormalisedCustomer>;
  retrieveCustomer(id: string, context?: CallContext): Promise<NormalisedCustomer>;
  listCustomers(params: ListCustomersParams, context?: CallContext): Promise<CustomerPage>;
  /** Cheap authenticated call, for readiness: resolves when Omise accepts our key. */
  ping(context?: CallContext): Promise<void>;
  close(): void;
}

// Connection errors that prove the request never left this machine (nothing was sent).
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// Omise's names for refusals that are ours under another name (the rest match by name).
const OMISE_SYNONYMS: Record<string, ErrorCode> = { invalid_card_token: 'invalid_card', missing_card: 'bad_request' };
// An Omise answer is a few KB; anything near this is not one.
const MAX_ANSWER_BYTES = 1024 * 1024;

const UNREADABLE = 'The payment service sent an answer we could not read. Try again.';

/**
 * Creates the Omise API client: one axios instance with keep-alive sockets (TLS sessions reused),
 * Basic auth with the secret key and `Omise-Version`, JSON bodies as omise-node sends them, no
 * redirects, no absolute URLs, a deadline per call, and an egress proxy only when one is given.
 * Every outcome becomes a ProxyError; answers are read tolerantly (`readCustomer`).
 * @example const omise = createOmiseClient({ secretKey: 'skey_test_…' })
 */
export function createOmiseClient(options: OmiseClientOptions): OmiseClient {
  const retryDelays = options.retryDelaysMs ?? [100, 300];
  const timeoutMs = options.timeoutMs ?? 10_000;
  // An idle socket is dropped after 4 s, before the upstream's own keep-alive closes it (Node's
  // default is 5 s): else a create can go out on a socket the upstream is closing at that moment
  // and fail with ECONNRESET (seen in e2e under load). agentkeepalive's freeSocketTimeout, for the same reason.
  const sockets = { keepAlive: true, maxSockets: 128, timeout: 4000 };
  const tunnel = options.httpsProxy ? new HttpsProxyAgent(options.httpsProxy, sockets) : undefined;
  const httpAgent = tunnel ?? new http.Agent(sockets);
  const httpsAgent = tunnel ?? new https.Agent({ ...sockets, maxCachedSessions: 100 });
  const api = axios.create({
    baseURL: options.apiUrl ?? 'https://api.omise.co',
    allowAbsoluteUrls: false,
    maxRedirects: 0,
    timeout: timeoutMs,
    // Never the environment's proxy variables: only OMISE_HTTPS_PROXY, through the agent above.
    proxy: false,
    httpAgent,
    httpsAgent,
    headers: {
      Authorization: `Basic ${Buffer.from(`${options.secretKey}:`).toString('base64')}`,
      'Omise-Version': options.apiVersion ?? '2019-05-29',
      'User-Agent': 'omise-signup/0.1',
      Accept: 'application/json',
    },
    // Every status is an answer to read here, and the body is read as text: JSON or not is ours to tell.
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxContentLength: MAX_ANSWER_BYTES,
    transitional: { clarifyTimeoutError: true },
  });

  async function call<T>(
    operation: string,
    send: (signal: AbortSignal) => Promise<AxiosResponse<string>>,
    read: (body: unknown, status: number, logger: Logger | undefined) => T,
    context: CallContext | undefined,
    retryNotSent: boolean,
  ): Promise<T> {
    const logger = context?.logger ?? options.logger;
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      let outcome = 'ok';
      try {
        // axios's timeout counts idle time; this is the deadline for the whole call.
        const response = await send(AbortSignal.timeout(timeoutMs));
        return readAnswer(operation, response, read, logger);
      } catch (error) {
        const mapped = toUpstreamError(operation, error, logger);
        outcome = mapped.code;
        const delay = retryDelays[attempt];
        if (retryNotSent && mapped.outcome === 'not_sent' && delay !== undefined) {
          logger?.warn(
            { operation, attempt: attempt + 1, code: mapped.code },
            'upstream refused the connection; retrying',
          );
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        throw mapped;
      } finally {
        const ms = performance.now() - started;
        context?.onUpstreamMs?.(ms);
        options.metrics?.observeUpstream(operation, outcome, ms / 1000);
      }
    }
  }

  return {
    createCustomer(params, context) {
      const body = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
      return call(
        'customers.create',
        (signal) => api.post('/customers', body, { signal }),
        createdCustomer,
        context,
        true,
      );
    },
    retrieveCustomer(id, context) {
      if (!isCustomerId(id)) return Promise.reject(new ProxyError('not_found', 'There is no customer with that id.'));
      return call(
        'customers.retrieve',
        (signal) => api.get(`/customers/${id}`, { signal }),
        retrievedCustomer,
        context,
        true,
      );
    },
    listCustomers(params, context) {
      return call('customers.list', (signal) => api.get('/customers', { params, signal }), customerPage, context, true);
    },
    async ping(context) {
      await call(
        'customers.list',
        (signal) => api.get('/customers', { params: { limit: 1 }, signal }),
        () => undefined,
        context,
        false,
      );
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Logs why a 2xx was not what the operation expects, by its shape only (never the body). */
function unreadable(operation: string, status: number, shape: AnswerShape, logger: Logger | undefined): ProxyError {
  logger?.error(
    { operation, status, ...shape },
    shape.problem === 'not JSON'
      ? `Omise answered ${status} with a body that is not JSON`
      : `Omise answered ${status} with an unexpected shape`,
  );
  // For a create, Omise may have made the customer: the next attempt must look before creating.
  return new ProxyError('upstream_unavailable', UNREADABLE, { outcome: 'unknown' });
}

function createdCustomer(body: unknown, status: number, logger: Logger | undefined): NormalisedCustomer {
  const read = readCustomer(body);
  if ('customer' in read) return read.customer;
  throw unreadable('customers.create', status, read.shape, logger);
}

function retrievedCustomer(body: unknown, status: number, logger: Logger | undefined): NormalisedCustomer {
  const read = readCustomer(body);
  if ('customer' in read) return read.customer;
  throw unreadable('customers.retrieve', status, read.shape, logger);
}

function customerPage(body: unknown, status: number, logger: Logger | undefined): CustomerPage {
  const list = isRecord(body) ? body : undefined;
  if (list?.object !== 'list' || !Array.isArray(list.data)) {
    const shape: AnswerShape = list
      ? { problem: 'not a list', keys: Object.keys(list).slice(0, 20) }
      : { problem: body === undefined ? 'not JSON' : 'not an object' };
    throw unreadable('customers.list', status, shape, logger);
  }
  const customers: NormalisedCustomer[] = [];
  for (const item of list.data) {
    const read = readCustomer(item);
    if ('customer' in read) customers.push(read.customer);
  }
  const total = typeof list.total === 'number' && Number.isSafeInteger(list.total) ? list.total : undefined;
  return { customers, received: list.data.length, total };
}

function readAnswer<T>(
  operation: string,
  response: AxiosResponse<string>,
  read: (body: unknown, status: number, logger: Logger | undefined) => T,
  logger: Logger | undefined,
): T {
  const body = parseJson(response.data);
  const isError = isRecord(body) && body.object === 'error';
  if (response.status >= 200 && response.status < 300 && !isError) return read(body, response.status, logger);
  throw refusal(operation, response, body, logger);
}

/** Turns an answer that is not a success into our kind, keeping only Omise's messages that are safe to show. */
function refusal(operation: string, response: AxiosResponse<string>, body: unknown, logger: Logger | undefined) {
  const { status } = response;
  const omiseError = OmiseError.safeParse(body);
  const upstreamCode = omiseError.success ? omiseError.data.code : undefined;
  if (status === 401 || upstreamCode === 'authentication_failure') {
    logger?.error(
      { operation, status },
      'OPERATOR ACTION NEEDED: Omise refused our secret key (authentication_failure). Check OMISE_SECRET_KEY and that it matches OMISE_API_URL.',
    );
    return new ProxyError('upstream_auth_failed', 'The signup service is misconfigured. Please try again later.', {
      outcome: 'refused',
    });
  }
  const ours = upstreamCode === undefined ? undefined : (OMISE_SYNONYMS[upstreamCode] ?? upstreamCode);
  // Omise's final refusals (the token, the card, the request) keep Omise's message, which is about
  // the shopper's input, when it is plain text with no key or card number in it (shownMessage).
  if (omiseError.success && status < 500 && isErrorCode(ours) && errorTraits(ours).final) {
    const message = shownMessage(ours, omiseError.data.message, { operation, logger });
    return new ProxyError(ours, message, { outcome: 'refused' });
  }
  logger?.warn({ operation, status, upstreamCode }, 'Omise answered with an error');
  if (status === 429) {
    return new ProxyError('upstream_busy', 'The payment service is busy. Try again in a moment.', {
      outcome: 'refused',
      retryAfterSeconds: retryAfter(response.headers['retry-after']),
    });
  }
  return new ProxyError('upstream_unavailable', 'The payment service is unavailable. Try again in a moment.', {
    // A 5xx may come after Omise did the work; a 4xx we do not know was refused before it.
    outcome: status >= 500 ? 'unknown' : 'refused',
  });
}

/** Omise's `Retry-After` in whole seconds when it sends a sane one (1 to 60), else 5. */
function retryAfter(header: unknown): number {
  const seconds = typeof header === 'string' && /^\d{1,2}$/.test(header.trim()) ? Number(header) : Number.NaN;
  return seconds >= 1 && seconds <= 60 ? seconds : 5;
}

/** Turns whatever a call threw (axios's errors, Node's socket errors) into our kind. */
function toUpstreamError(operation: string, error: unknown, logger: Logger | undefined): ProxyError {
  if (isProxyError(error)) return error;
  const code = axios.isAxiosError(error) ? error.code : undefined;
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ERR_CANCELED') {
    logger?.warn({ operation, code: 'ETIMEDOUT' }, 'Omise did not answer in time');
    return new ProxyError('upstream_timeout', 'The payment service took too long to answer. Try again.', {
      outcome: 'unknown',
    });
  }
  if (code !== undefined) {
    const notSent = NOT_SENT.has(code);
    logger?.warn({ operation, code }, notSent ? 'could not connect to Omise' : 'the connection to Omise failed');
    return new ProxyError('upstream_unavailable', 'The payment service is unreachable. Try again in a moment.', {
      outcome: notSent ? 'not_sent' : 'unknown',
    });
  }
  logger?.error({ operation, err: error }, 'unexpected failure calling Omise');
  return new ProxyError('internal_error', 'Something went wrong on our side. Try again.', { outcome: 'unknown' });
}
