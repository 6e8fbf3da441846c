import { Writable } from 'node:stream';
import { type Sandbox, startSandbox } from '@omise-signup/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type AppDeps, createApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import { type RunningServer, startServer } from '../server.ts';

export const VISA = {
  name: 'Somchai Jaidee',
  number: '4242424242424242',
  expiration_month: 12,
  expiration_year: 2031,
  security_code: '123',
};

/** Everything the proxy said during a test file: responses and log lines, for the leak check. */
export const transcript: string[] = [];

export function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      transcript.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

export function configFor(sandbox: Sandbox, env: Record<string, string> = {}): Config {
  return loadConfig({
    OMISE_SECRET_KEY: sandbox.secretKey,
    OMISE_PUBLIC_KEY: sandbox.publicKey,
    OMISE_API_URL: sandbox.apiUrl,
    OMISE_VAULT_URL: sandbox.vaultUrl,
    OMISE_JS_URL: sandbox.omiseJsUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
    RATE_LIMIT_IP_PER_MIN: '0',
    RATE_LIMIT_EMAIL_PER_HOUR: '0',
    UPSTREAM_TIMEOUT_MS: '2000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...env,
  });
}

export async function tokenize(sandbox: Sandbox, card: Record<string, unknown> = VISA): Promise<string> {
  const response = await fetch(`${sandbox.vaultUrl}/tokens`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${sandbox.publicKey}:`).toString('base64')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ card }),
  });
  const token = (await response.json()) as { id?: string };
  if (response.status !== 200 || !token.id) throw new Error(`tokenize failed: ${response.status}`);
  return token.id;
}

export async function control(sandbox: Sandbox, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${sandbox.apiUrl}/__sandbox/${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { 'Content-Type': 'application/json' },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (response.status >= 300) throw new Error(`sandbox control ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

export interface LoggedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  auth: { user: string; password: string } | null;
  body: Record<string, unknown>;
  status: number | null;
}

export async function upstreamRequests(sandbox: Sandbox, filter = 'target=api&path=/customers&method=POST') {
  const log = (await control(sandbox, `requests?${filter}`)) as { data: LoggedRequest[] };
  return log.data;
}

export async function sandboxCustomers(sandbox: Sandbox) {
  const response = await fetch(`${sandbox.apiUrl}/customers?limit=100`, {
    headers: { Authorization: `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}` },
  });
  return ((await response.json()) as { data: Array<{ id: string; email: string; metadata?: Record<string, unknown> }> })
    .data;
}

/** Every customer the sandbox holds, page by page (a list shows at most 100). */
export async function everySandboxCustomer(sandbox: Sandbox) {
  const auth = `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`;
  const all: Array<{ id: string; email: string; metadata?: Record<string, unknown> }> = [];
  for (;;) {
    const response = await fetch(`${sandbox.apiUrl}/customers?limit=100&offset=${all.length}`, {
      headers: { Authorization: auth },
    });
    const page = (await response.json()) as { data: typeof all };
    all.push(...page.data);
    if (page.data.length < 100) return all;
  }
}

export interface TestProxy {
  url: string;
  server: RunningServer;
  logs: string[];
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly and assert them
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
}

/** Starts the real proxy on a free port against the sandbox, capturing its logs. */
export async function startProxy(config: Config, deps: AppDeps = {}): Promise<TestProxy> {
  const { logger, lines } = captureLogs();
  const server = await startServer(config, { logger, metrics: createMetrics({ defaultMetrics: false }), ...deps });
  return {
    url: server.url,
    server,
    logs: lines,
    async post(body, headers = {}) {
      const response = await fetch(`${server.url}/api/customers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      transcript.push(text, JSON.stringify([...response.headers]));
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
}

/** The test file's sandbox: started once, reset before each test, closed at the end. */
export function useSandbox(): { readonly sandbox: Sandbox } {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => sandbox?.reset());
  return {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox has not started yet');
      return sandbox;
    },
  };
}

/** The test file's proxy on the file's sandbox (`useSandbox`): started once, closed at the end. */
export function useProxy(
  world: { readonly sandbox: Sandbox },
  env: Record<string, string> = {},
): { readonly proxy: TestProxy } {
  let proxy: TestProxy | undefined;
  beforeAll(async () => {
    proxy = await startProxy(configFor(world.sandbox, env));
  });
  afterAll(async () => {
    await proxy?.server.close();
  });
  return {
    get proxy() {
      if (!proxy) throw new Error('the proxy has not started yet');
      return proxy;
    },
  };
}

/** Starts a proxy of its own for a test, on the file's sandbox; each is closed after its test. */
export function useProxies(world: { readonly sandbox: Sandbox }) {
  const started: TestProxy[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((proxy) => proxy.server.close()));
  });
  return async (env: Record<string, string> = {}, deps: AppDeps = {}) => {
    const proxy = await startProxy(configFor(world.sandbox, env), deps);
    started.push(proxy);
    return proxy;
  };
}

export type { Sandbox };
export { createApp, startSandbox };
