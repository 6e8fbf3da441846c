import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedis, redisDeps, redisReady } from './redis-store.ts';
import {
  configFor,
  control,
  everySandboxCustomer,
  type Sandbox,
  startProxy,
  startSandbox,
  type TestProxy,
  tokenize,
} from './test-support/harness.ts';
import { type RedisServer, startRedis } from './test-support/redis.ts';

// A lost answer, then many other signups, then the retry: exactly one customer, found by time.
let redis: RedisServer;
let sandbox: Sandbox;
let client: ReturnType<typeof createRedis>;
// Omise's clock, as the sandbox keeps it: ours, moved when a test needs an order by time.
let omiseClockAheadMs = 0;
const proxies: Record<'memory' | 'redis', TestProxy> = {} as never;

beforeAll(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0, now: () => new Date(Date.now() + omiseClockAheadMs) });
  client = createRedis(redis.url);
  client.on('error', () => {});
  await redisReady(client);
  proxies.memory = await startProxy(configFor(sandbox));
  proxies.redis = await startProxy(configFor(sandbox), redisDeps(client));
});
afterAll(async () => {
  await Promise.all(Object.values(proxies).map((proxy) => proxy?.server.close()));
  client?.disconnect();
  await sandbox?.close();
  await redis?.stop();
});
beforeEach(() => {
  sandbox.reset();
  omiseClockAheadMs = 0;
});

/** Signups that never went through the proxy, straight at Omise (the sandbox), a few at a time. */
async function othersSignUp(count: number) {
  const auth = `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`;
  const one = async (i: number) => {
    const response = await fetch(`${sandbox.apiUrl}/customers`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `other-${i}@example.com`, metadata: { idempotency_key: `someone-else-${i}` } }),
    });
    if (response.status !== 200) throw new Error(`direct create failed: ${response.status}`);
  };
  for (let i = 0; i < count; i += 10)
    await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => one(i + j)));
}

/** The first attempt: Omise creates the customer, and the answer is lost (the connection resets). */
async function loseAnswer(proxy: TestProxy, email: string) {
  const card = await tokenize(sandbox);
  const headers = { 'Idempotency-Key': crypto.randomUUID() };
  await control(sandbox, 'faults', { body: { kind: 'reset', when: 'after', method: 'POST', path: '/customers' } });
  expect((await proxy.post({ email, card }, headers)).status).toBe(502);
  return () => proxy.post({ email, card }, headers);
}

describe.each(['memory', 'redis'] as const)('a retry after a lost answer, with the %s store', (store) => {
  it.each([150, 1000])(
    'finds the customer after %i other signups, and creates no second one',
    async (others) => {
      const email = `lost-${store}-${others}@example.com`;
      const again = await loseAnswer(proxies[store], email);
      await othersSignUp(others);

      const retry = await again();
      expect(retry.status).toBe(201);
      // It looked from the first attempt's start, oldest first: never just the newest 100.
      const lists = await upstreamLists(sandbox);
      expect(lists.length).toBeGreaterThan(0);
      for (const query of lists) {
        expect(query).toMatchObject({ order: 'chronological', limit: '100', from: expect.stringMatching(/Z$/) });
      }
      const everyone = await everySandboxCustomer(sandbox);
      expect(everyone).toHaveLength(others + 1);
      const mine = everyone.filter((customer) => customer.email === email);
      expect(mine).toHaveLength(1);
      expect(retry.body.id).toBe(mine[0]?.id);
    },
    60_000,
  );

  it('pages through 1,000 customers listed before it, and finds it on the last page', async () => {
    const email = `last-${store}@example.com`;
    // Omise dates this customer 10 minutes ahead, so the 1,000 signups after it are listed before
    // it, however long a loaded machine takes to make them.
    omiseClockAheadMs = 10 * 60_000;
    const again = await loseAnswer(proxies[store], email);
    omiseClockAheadMs = 0;
    await othersSignUp(1000);
    // Listed up to "now" by Omise's clock, which must be past the customer's time.
    omiseClockAheadMs = 20 * 60_000;

    const retry = await again();
    expect(retry.status).toBe(201);
    const lists = await upstreamLists(sandbox);
    expect(lists.map((query) => query.offset ?? '0')).toEqual(Array.from({ length: 11 }, (_, i) => String(i * 100)));
    const everyone = await everySandboxCustomer(sandbox);
    expect(everyone).toHaveLength(1001);
    expect(everyone.filter((customer) => customer.email === email).map((customer) => customer.id)).toEqual([
      retry.body.id,
    ]);
  }, 60_000);
});

async function upstreamLists(target: Sandbox) {
  const log = (await control(target, 'requests?target=api&method=GET&path=/customers')) as {
    data: { query: Record<string, string> }[];
  };
  return log.data.map((entry) => entry.query);
}

describe('the clock-skew allowance', () => {
  it("finds the customer when Omise's clock runs two minutes behind ours", async () => {
    const behind = await startSandbox({ apiPort: 0, vaultPort: 0, now: () => new Date(Date.now() - 120_000) });
    const proxy = await startProxy(configFor(behind));
    try {
      const card = await tokenize(behind);
      const headers = { 'Idempotency-Key': crypto.randomUUID() };
      await control(behind, 'faults', { body: { kind: 'reset', when: 'after', method: 'POST', path: '/customers' } });
      expect((await proxy.post({ email: 'skew@example.com', card }, headers)).status).toBe(502);
      const retry = await proxy.post({ email: 'skew@example.com', card }, headers);
      expect(retry.status).toBe(201);
      expect(await everySandboxCustomer(behind)).toHaveLength(1);
    } finally {
      await proxy.server.close();
      await behind.close();
    }
  });
});
