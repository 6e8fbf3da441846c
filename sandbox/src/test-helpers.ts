// Shared by the tests: a sandbox per file, small HTTP helpers, and Omise's recorded fixtures.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Customer, Token } from '@omise-signup/shared';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.ts';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json: unknown;
}

export interface CallOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent form-encoded; keys as written (`card[number]`). */
  form?: Record<string, string>;
  /** Raw body with its own content type. */
  raw?: { body: string | Buffer; contentType?: string };
  /** The key to send; null sends no Authorization header. Default: the sandbox's key for the listener. */
  key?: string | null;
  version?: string;
  headers?: Record<string, string>;
}

export const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = basic(options.key);
  if (options.version) headers['omise-version'] = options.version;
  let body: string | Buffer | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.raw) {
    if (options.raw.contentType) headers['content-type'] = options.raw.contentType;
    body = options.raw.body;
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json } as HttpResult;
}

/**
 * One request over node:http, with no connection reuse: for what fetch can't do (a body on GET) and
 * for faults, where the socket's fate (reset, hang) is what is being tested. Rejects with the socket
 * error (`ECONNRESET`) or `timeout`.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 5000, () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A card that tokenizes: expiry three years from the real clock, city and postal code like the fixtures. */
export function validCard(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Somchai Prasert',
    number: '4242424242424242',
    expiration_month: '11',
    expiration_year: String(new Date().getUTCFullYear() + 3),
    security_code: '123',
    city: 'Bangkok',
    postal_code: '10320',
    ...overrides,
  };
}

/** Card fields as form keys: `{ name }` → `{ 'card[name]': … }`. */
export const cardForm = (card: Record<string, string>) =>
  Object.fromEntries(Object.entries(card).map(([key, value]) => [`card[${key}]`, value]));

/** Starts one sandbox for the file (random ports) and resets it before each test. */
export function useSandbox(options: SandboxOptions = {}) {
  const context = {} as {
    sandbox: Sandbox;
    api: (method: string, path: string, options?: CallOptions) => Promise<HttpResult>;
    vault: (method: string, path: string, options?: CallOptions) => Promise<HttpResult>;
    /** Tokenizes a card (form-encoded) and returns the token object. */
    token: (card?: Record<string, string>) => Promise<Token>;
    /** Creates a customer (JSON) and returns it. */
    customer: (params?: Record<string, unknown>) => Promise<Customer>;
  };
  beforeAll(async () => {
    const sandbox = await startSandbox({ apiPort: 0, vaultPort: 0, ...options });
    context.sandbox = sandbox;
    context.api = (method, path, opts = {}) =>
      call(sandbox.apiUrl, method, path, { ...opts, key: opts.key === undefined ? sandbox.secretKey : opts.key });
    context.vault = (method, path, opts = {}) =>
      call(sandbox.vaultUrl, method, path, { ...opts, key: opts.key === undefined ? sandbox.publicKey : opts.key });
    context.token = async (card = validCard()) => {
      const result = await context.vault('POST', '/tokens', { form: cardForm(card) });
      if (result.status !== 200) throw new Error(`tokenizing failed: ${result.status} ${result.text}`);
      return Token.parse(result.json);
    };
    context.customer = async (params = {}) => {
      const result = await context.api('POST', '/customers', { json: params });
      if (result.status !== 200) throw new Error(`creating a customer failed: ${result.status} ${result.text}`);
      return Customer.parse(result.json);
    };
  });
  beforeEach(() => context.sandbox.reset());
  afterAll(async () => {
    await context.sandbox?.close();
  });
  return context;
}

/** Omise's own recorded responses (shared/test-data/, verbatim from the official client libraries). */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../shared/test-data/${name}.json`, import.meta.url), 'utf8'));
}

/**
 * Every key path in `recorded` that `actual` lacks, recursing into objects and into the first element
 * of arrays (list data). Empty means our object has every key Omise's recording has.
 */
export function missingKeys(recorded: unknown, actual: unknown, path = ''): string[] {
  if (Array.isArray(recorded)) {
    if (recorded.length === 0) return [];
    if (!Array.isArray(actual) || actual.length === 0) return [`${path}[0]`];
    return missingKeys(recorded[0], actual[0], `${path}[0]`);
  }
  if (recorded === null || typeof recorded !== 'object') return [];
  if (actual === null || typeof actual !== 'object') return [path || '(root)'];
  return Object.entries(recorded).flatMap(([key, value]) => {
    const child = path ? `${path}.${key}` : key;
    if (!(key in actual)) return [child];
    return missingKeys(value, (actual as Record<string, unknown>)[key], child);
  });
}
