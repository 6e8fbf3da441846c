import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedis, redisDeps, redisReady } from './redis-store.ts';
import {
  configFor,
  control,
  type Sandbox,
  sandboxCustomers,
  startProxy,
  startSandbox,
  type TestProxy,
  tokenize,
  upstreamRequests,
} from './test-support/harness.ts';
import { type RedisServer, startRedis } from './test-support/redis.ts';

// Hard times, on the production set-up: Redis-backed state, a short upstream timeout.
const TIMEOUT_MS = 800;
let redis: RedisServer;
let sandbox: Sandbox;
let proxy: TestProxy;
let client: ReturnType<typeof createRedis>;

beforeAll(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  client = createRedis(redis.url);
  client.on('error', () => {});
  await redisReady(client);
  proxy = await startProxy(configFor(sandbox, { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) }), redisDeps(client));
});
afterAll(async () => {
  await proxy?.server.close();
  client?.disconnect();
  await sandbox?.close();
  await redis?.stop();
});
beforeEach(() => sandbox.reset());

const FAULTS = [
  {
    name: 'latency past the timeout',
    fault: { kind: 'latency', ms: TIMEOUT_MS + 500 },
    status: 504,
    code: 'upstream_timeout',
  },
  { name: 'a 500', fault: { kind: 'status', status: 500 }, status: 502, code: 'upstream_unavailable' },
  { name: 'a 503', fault: { kind: 'status', status: 503 }, status: 502, code: 'upstream_unavailable' },
  { name: 'a 429', fault: { kind: 'status', status: 429 }, status: 503, code: 'upstream_busy' },
  { name: 'a reset before the create', fault: { kind: 'reset' }, status: 502, code: 'upstream_unavailable' },
  {
    name: 'a reset after the create',
    fault: { kind: 'reset', when: 'after' },
    status: 502,
    code: 'upstream_unavailable',
  },
  { name: 'a hang', fault: { kind: 'hang' }, status: 504, code: 'upstream_timeout' },
  { name: 'a hang after the create', fault: { kind: 'hang', when: 'after' }, status: 504, code: 'upstream_timeout' },
  {
    name: 'latency past the timeout after the create',
    fault: { kind: 'latency', ms: TIMEOUT_MS + 500, when: 'after' },
    status: 504,
    code: 'upstream_timeout',
  },
  { name: 'malformed JSON', fault: { kind: 'malformed' }, status: 502, code: 'upstream_unavailable' },
  {
    name: 'malformed JSON after the create',
    fault: { kind: 'malformed', when: 'after' },
    status: 502,
    code: 'upstream_unavailable',
  },
] as const;

describe('the fault matrix', () => {
  it.each(FAULTS)(
    'answers $name with $status $code in time, lives on, and a replay creates no second customer',
    async ({ fault, status, code }) => {
      const email = `fault-${crypto.randomUUID()}@example.com`;
      const card = await tokenize(sandbox);
      const headers = { 'Idempotency-Key': crypto.randomUUID() };
      await control(sandbox, 'faults', { body: { ...fault, path: '/customers' } });

      const started = performance.now();
      const failed = await proxy.post({ email, card }, headers);
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
      expect(failed.status).toBe(status);
      expect(failed.body).toMatchObject({ object: 'error', code });

      // The process lives on: an unrelated request succeeds.
      expect((await proxy.post({ email: `next-${email}` })).status).toBe(201);

      // The same request again: one customer, whether or not the first attempt created it.
      const replay = await proxy.post({ email, card }, headers);
      expect(replay.status).toBe(201);
      const created = (await sandboxCustomers(sandbox)).filter((c) => c.email === email);
      expect(created).toHaveLength(1);
      expect(replay.body.id).toBe(created[0]?.id);
    },
  );
});

describe('metrics', () => {
  it('count idempotent replays, reconciliations and rate-limit refusals', async () => {
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    await proxy.post({ email: 'm@example.com' }, headers);
    await proxy.post({ email: 'm@example.com' }, headers);
    const lost = { 'Idempotency-Key': crypto.randomUUID() };
    await control(sandbox, 'faults', { body: { kind: 'reset', when: 'after', path: '/customers' } });
    await proxy.post({ email: 'lost-m@example.com' }, lost);
    await proxy.post({ email: 'lost-m@example.com' }, lost);
    const limited = await startProxy(configFor(sandbox, { RATE_LIMIT_IP_PER_MIN: '1' }), redisDeps(client));
    try {
      await limited.post({ email: 'rl-a@example.com' });
      await limited.post({ email: 'rl-b@example.com' });
      const text = await (await fetch(`${limited.url}/metrics`)).text();
      expect(text).toMatch(/omise_signup_rate_limited_total\{limit="ip"\} 1/);
    } finally {
      await limited.server.close();
    }
    const text = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(text).toMatch(/omise_signup_idempotent_replays_total [1-9]/);
    expect(text).toMatch(/omise_signup_reconciliations_total\{result="found"\} [1-9]/);
  });
});

describe('SIGTERM under load', () => {
  it('completes every in-flight request with no error answer, then exits 0', async () => {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    // From source, as `pnpm --filter @omise-signup/server dev` runs it.
    const child = spawn(process.execPath, ['--conditions=@omise-signup/source', '--import', tsx, main], {
      env: {
        ...process.env,
        OMISE_SECRET_KEY: sandbox.secretKey,
        OMISE_API_URL: sandbox.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
        RATE_LIMIT_IP_PER_MIN: '0',
        RATE_LIMIT_EMAIL_PER_HOUR: '0',
        REDIS_URL: redis.url,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          const match = /"url":"(http:[^"]+)"/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`proxy exited early (${code})`)));
      });
      // Every create takes 300 ms upstream, so many are in flight when the signal lands.
      await control(sandbox, 'faults', { body: { kind: 'latency', ms: 300, path: '/customers', count: -1 } });
      const answers: number[] = [];
      let refused = 0;
      const send = async (i: number) => {
        try {
          const response = await fetch(`${url}/api/customers`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `sigterm-${i}` },
            body: JSON.stringify({ email: `sigterm-${i}@example.com` }),
          });
          answers.push(response.status);
        } catch {
          refused += 1; // sent after the listener closed: refused, never an error answer
        }
      };
      const first = Array.from({ length: 30 }, (_, i) => send(i));
      // The signal lands once all 30 are in flight upstream (the latency fault holds them there),
      // however long a loaded machine takes to send them: a fixed sleep was not always enough.
      const upstream = async () =>
        (await upstreamRequests(sandbox)).filter((entry) => String(entry.body.email).startsWith('sigterm-')).length;
      while ((await upstream()) < 30) await new Promise((resolve) => setTimeout(resolve, 20));
      child.kill('SIGTERM');
      const later = Array.from({ length: 10 }, (_, i) => send(100 + i));
      await Promise.all([...first, ...later]);
      expect(await exited).toBe(0);
      await control(sandbox, 'faults', { method: 'DELETE' });
      expect(answers.length).toBeGreaterThanOrEqual(30);
      expect(answers.every((status) => status === 201)).toBe(true);
      expect(answers.length + refused).toBe(40);
      const created = (await sandboxCustomers(sandbox)).filter((c) => c.email.startsWith('sigterm-'));
      expect(created).toHaveLength(answers.length);
    } finally {
      // Never leave the process behind when an assertion above fails.
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 20_000);
});
