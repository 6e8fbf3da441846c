import type { Failure, FieldName } from './errors.ts';
import { parseConfig, parseCustomer, parseErrorBody, type SignupCustomer, type WidgetConfig } from './response.ts';

/** The proxy's HTTP API (the README's "HTTP API"): `POST {endpoint}` and `GET {endpoint}/../config`. */

export const DEFAULT_ENDPOINT = '/api/customers';
/** The proxy waits at most UPSTREAM_TIMEOUT_MS (10 s) for Omise; allow for that and a slow network. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** What the widget posts: shared's CreateCustomerRequest, written out (response.test.ts checks it). */
export interface CreateCustomerBody {
  email?: string;
  description?: string;
  card?: string;
}

export type PostResult = { ok: true; customer: SignupCustomer } | { ok: false; failure: Failure };

// The proxy names request fields; the card token stands for the card number field.
const PROXY_FIELDS: Record<string, FieldName> = { email: 'email', description: 'description', card: 'number' };

/** Posts the signup. Never throws: every outcome, network failures included, is a value. */
export async function postCustomer(
  endpoint: string,
  body: CreateCustomerBody,
  idempotencyKey: string,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<PostResult> {
  let response: Response;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch {
    clearTimeout(timer);
    return { ok: false, failure: { code: 'network_error' } };
  }
  const json: unknown = await response.json().catch(() => undefined);
  clearTimeout(timer);
  // A body cut off by the timeout is a network failure, not a bad answer.
  if (controller.signal.aborted) return { ok: false, failure: { code: 'network_error' } };
  if (response.ok) {
    const customer = parseCustomer(json);
    return customer ? { ok: true, customer } : { ok: false, failure: { code: 'bad_response' } };
  }
  const error = parseErrorBody(json);
  if (!error) return { ok: false, failure: { code: 'bad_response' } };
  const fields = (error.fields ?? []).map((f) => PROXY_FIELDS[f.field]).filter((f): f is FieldName => !!f);
  return {
    ok: false,
    failure: {
      code: error.code,
      ...(error.request_id ? { requestId: error.request_id } : {}),
      ...(fields.length ? { fields: [...new Set(fields)] } : {}),
    },
  };
}

/** `/api/customers` → `/api/config`, resolved against the page. */
export function configUrl(endpoint: string): string {
  return new URL('config', new URL(endpoint, location.href)).href;
}

/**
 * `POST {endpoint}/../warmup`: the proxy opens its connection to Omise while the shopper types.
 * Fire and forget (a simple request, no preflight): a proxy without the route answers 404, harmlessly.
 */
export function warmUpstream(endpoint: string): void {
  fetch(new URL('warmup', new URL(endpoint, location.href)), { method: 'POST', keepalive: true }).catch(() => {});
}

const configs = new Map<string, Promise<WidgetConfig>>();

/** Fetches the public config once per URL; a failure is forgotten so the next call retries. */
export function fetchConfig(endpoint: string): Promise<WidgetConfig> {
  const url = configUrl(endpoint);
  let pending = configs.get(url);
  if (!pending) {
    pending = fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((json: unknown) => {
        const config = parseConfig(json);
        if (!config) throw new Error('bad config');
        return config;
      });
    configs.set(url, pending);
    pending.catch(() => configs.delete(url));
  }
  return pending;
}

/** Forgets fetched configs; for tests. */
export function resetConfigs(): void {
  configs.clear();
}
