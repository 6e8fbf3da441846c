import { Customer, List, type NormalisedCustomer, normaliseCustomer, OmiseError } from '@omise-signup/shared';
import type { z } from 'zod';
import { ProxyError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { createHttpTransport, type TransportError, type UpstreamResponse } from './upstream-http.ts';

export interface OmiseClientOptions {
  secretKey: string;
  apiUrl?: string;
  apiVersion?: string;
  timeoutMs?: number;
  logger?: Logger;
  metrics?: Metrics;
  /** Delays between the tries of a create that surely never reached Omise. */
  retryDelaysMs?: readonly number[];
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
  from?: string;
}

export interface CallContext {
  logger?: Logger;
  /** Called with the time each upstream call took, for the request's log line. */
  onUpstreamMs?: (ms: number) => void;
}

/** The only way the proxy talks to Omise. Every failure comes out as a ProxyError. */
export interface OmiseClient {
  createCustomer(params: CreateCustomerParams, context?: CallContext): Promise<NormalisedCustomer>;
  retrieveCustomer(id: string, context?: CallContext): Promise<NormalisedCustomer>;
  listCustomers(params: ListCustomersParams, context?: CallContext): Promise<List<NormalisedCustomer>>;
  /** Cheap authenticated call, for readiness: resolves when Omise accepts our key. */
  ping(context?: CallContext): Promise<void>;
  close(): void;
}

const CustomerList = List(Customer);

// Connection errors that prove the request never left this machine (nothing was sent).
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// Omise's own error codes whose message is safe and useful to show a shopper as is.
const KEPT_CODES = new Map([
  ['invalid_card', 'invalid_card'],
  ['invalid_card_token', 'invalid_card'],
  ['used_token', 'used_token'],
  ['not_found', 'not_found'],
  ['bad_request', 'bad_request'],
  ['missing_card', 'bad_request'],
] as const);

/**
 * Creates the Omise API client: keep-alive sockets, Basic auth with the secret key and
 * `Omise-Version`, JSON bodies as omise-node sends them; every outcome becomes a ProxyError.
 * @example const omise = createOmiseClient({ secretKey: 'skey_test_…' })
 */
export function createOmiseClient(options: OmiseClientOptions): OmiseClient {
  const retryDelays = options.retryDelaysMs ?? [100, 300];
  const api = createHttpTransport({
    baseUrl: options.apiUrl ?? 'https://api.omise.co',
    secretKey: options.secretKey,
    apiVersion: options.apiVersion ?? '2019-05-29',
    timeoutMs: options.timeoutMs ?? 10_000,
  });

  async function call<T extends z.ZodType>(
    operation: string,
    send: () => Promise<UpstreamResponse>,
    schema: T,
    context: CallContext | undefined,
    retryNotSent: boolean,
  ): Promise<z.infer<T>> {
    const logger = context?.logger ?? options.logger;
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      let outcome = 'ok';
      try {
        const response = await send();
        return parseResponse(operation, response, schema, logger);
      } catch (error) {
        const mapped = toProxyError(operation, error, logger);
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
    async createCustomer(params, context) {
      const body = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
      const customer = await call(
        'customers.create',
        () => api.request('POST', '/customers', body),
        Customer,
        context,
        true,
      );
      return normaliseCustomer(customer);
    },
    async retrieveCustomer(id, context) {
      if (!/^cust_[0-9a-z_]+$/.test(id)) throw new ProxyError('not_found', `customer ${id} was not found`);
      const customer = await call(
        'customers.retrieve',
        () => api.request('GET', `/customers/${id}`),
        Customer,
        context,
        true,
      );
      return normaliseCustomer(customer);
    },
    async listCustomers(params, context) {
      const list = await call(
        'customers.list',
        () => api.request('GET', '/customers', undefined, { ...params }),
        CustomerList,
        context,
        true,
      );
      return { ...list, data: list.data.map(normaliseCustomer) };
    },
    async ping(context) {
      await call(
        'customers.list',
        () => api.request('GET', '/customers', undefined, { limit: 1 }),
        CustomerList,
        context,
        false,
      );
    },
    close() {
      api.close();
    },
  };
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseResponse<T extends z.ZodType>(
  operation: string,
  response: UpstreamResponse,
  schema: T,
  logger: Logger | undefined,
): z.infer<T> {
  const body = parseBody(response.text);
  if (response.status === 200) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    // Never log the body: it may carry personal data. The shape of the problem is enough.
    logger?.error(
      { operation, status: response.status, issues: parsed.error?.issues.slice(0, 5).map((i) => i.path.join('.')) },
      body === undefined
        ? 'Omise answered 200 with a body that is not JSON'
        : 'Omise answered 200 with an unexpected shape',
    );
    throw new ProxyError('upstream_unavailable', 'The payment service sent an answer we could not read. Try again.', {
      outcome: 'unknown',
    });
  }
  const omiseError = OmiseError.safeParse(body);
  const code = omiseError.success ? omiseError.data.code : undefined;
  if (response.status === 401 || code === 'authentication_failure') {
    logger?.error(
      { operation, status: response.status },
      'OPERATOR ACTION NEEDED: Omise refused our secret key (authentication_failure). Check OMISE_SECRET_KEY and that it matches OMISE_API_URL.',
    );
    throw new ProxyError('upstream_auth_failed', 'The signup service is misconfigured. Please try again later.', {
      outcome: 'refused',
    });
  }
  const kept = code === undefined ? undefined : KEPT_CODES.get(code as never);
  if (kept !== undefined && omiseError.success && response.status < 500) {
    throw new ProxyError(kept, omiseError.data.message, { outcome: 'refused' });
  }
  logger?.warn({ operation, status: response.status, upstreamCode: code }, 'Omise answered with an error');
  if (response.status === 429) {
    throw new ProxyError('upstream_unavailable', 'The payment service is busy. Try again in a moment.', {
      outcome: 'refused',
    });
  }
  throw new ProxyError('upstream_unavailable', 'The payment service is unavailable. Try again in a moment.', {
    // A 5xx may come after Omise did the work; a 4xx we do not know was refused before it.
    outcome: response.status >= 500 ? 'unknown' : 'refused',
  });
}

function toProxyError(operation: string, error: unknown, logger: Logger | undefined): ProxyError {
  if (error instanceof ProxyError) return error;
  const code = (error as TransportError | null)?.code;
  if (typeof code === 'string') {
    if (code === 'ETIMEDOUT') {
      logger?.warn({ operation, code }, 'Omise did not answer in time');
      return new ProxyError('upstream_timeout', 'The payment service took too long to answer. Try again.', {
        outcome: 'unknown',
      });
    }
    const notSent = NOT_SENT.has(code);
    logger?.warn({ operation, code }, notSent ? 'could not connect to Omise' : 'the connection to Omise failed');
    return new ProxyError('upstream_unavailable', 'The payment service is unreachable. Try again in a moment.', {
      outcome: notSent ? 'not_sent' : 'unknown',
    });
  }
  logger?.error({ operation, err: error }, 'unexpected failure calling Omise');
  return new ProxyError('internal_error', 'Something went wrong on our side. Try again.', { outcome: 'unknown' });
}
