import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedis, RedisIdempotencyStore, redisDeps, redisReady } from './redis-store.ts';
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

// Two proxy instances on different ports sharing one real redis-server, as behind a load balancer.
let redis: RedisServer;
let sandbox: Sandbox;
let a: TestProxy;
let b: TestProxy;
const clients: ReturnType<typeof createRedis>[] = [];

async function instance(env: Record<string, string> = {}) {
  const client = createRedis(redis.url);
  client.on('error', () => {});
  clients.push(client);
  await redisReady(client);
  return startProxy(configFor(sandbox, env), redisDeps(client));
}

beforeAll(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  [a, b] = await Promise.all([instance(), instance()]);
});
afterAll(async () => {
  await Promise.all([a?.server.close(), b?.server.close()]);
  for (const client of clients) client.disconnect();
  await sandbox?.close();
  await redis?.stop();
});
beforeEach(() => sandbox.reset());

describe('Redis-backed state across two instances', () => {
  it('creates one customer for 50 concurrent requests with one key spread over both', async () => {
    const card = await tokenize(sandbox);
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    await control(sandbox, 'faults', { body: { kind: 'latency', ms: 200, path: '/customers' } });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).post({ email: 'fifty@example.com', card }, headers)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await upstreamRequests(sandbox)).toHaveLength(1);
    expect((await sandboxCustomers(sandbox)).filter((c) => c.email === 'fifty@example.com')).toHaveLength(1);
  });

  it('replays on one instance what the other created', async () => {
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const first = await a.post({ email: 'across@example.com' }, headers);
    const again = await b.post({ email: 'across@example.com' }, headers);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('reconciles on the other instance a create whose answer was lost', async () => {
    const card = await tokenize(sandbox);
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    await control(sandbox, 'faults', { body: { kind: 'reset', when: 'after', path: '/customers' } });
    expect((await a.post({ email: 'lost2@example.com', card }, headers)).status).toBe(502);
    const retry = await b.post({ email: 'lost2@example.com', card }, headers);
    expect(retry.status).toBe(201);
    expect((await sandboxCustomers(sandbox)).filter((c) => c.email === 'lost2@example.com')).toHaveLength(1);
  });

  it('shares rate limits between instances', async () => {
    const [x, y] = await Promise.all([
      instance({ RATE_LIMIT_IP_PER_MIN: '3' }),
      instance({ RATE_LIMIT_IP_PER_MIN: '3' }),
    ]);
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await (i % 2 ? x : y).post({ email: `rl${i}@example.com` })).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
    } finally {
      await Promise.all([x.server.close(), y.server.close()]);
    }
  });
});

describe('RedisIdempotencyStore', () => {
  it("keeps the first attempt's start across takeovers, and renews only a claim it still holds", async () => {
    const client = createRedis(redis.url);
    client.on('error', () => {});
    clients.push(client);
    await redisReady(client);
    const store = new RedisIdempotencyStore(client, `test:${crypto.randomUUID()}:`);
    const first = await store.claim('k', 'f', 5);
    if (!first.claimed) throw new Error('expected a claim');
    expect(first.claim).toMatchObject({ reconcile: false, since: expect.any(Number) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await store.claim('k', 'f', 60_000);
    if (!second.claimed) throw new Error('expected a takeover');
    expect(second.claim).toMatchObject({ reconcile: true, since: first.claim.since });
    expect(await store.renew(first.claim, 60_000)).toBe(false);
    expect(await store.renew(second.claim, 60_000)).toBe(true);
    expect(await store.markUnknown(second.claim, 60_000)).toBe(true);
    expect(await store.get('k')).toEqual({ state: 'unknown', fingerprint: 'f', since: first.claim.since });
    const third = await store.claim('k', 'f', 60_000);
    expect(third).toMatchObject({ claimed: true, claim: { reconcile: true, since: first.claim.since } });
  });
});

describe('Redis unreachable', () => {
  it('refuses creates with store_unavailable, reports not ready, and recovers when Redis is back', async () => {
    const limited = await instance({ RATE_LIMIT_IP_PER_MIN: '100' });
    try {
      await redis.stop();
      const refused = await limited.post({ email: 'down@example.com' }, { 'Idempotency-Key': crypto.randomUUID() });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({
        code: 'store_unavailable',
        message: 'Sign-up is briefly unavailable. Try again in a moment.',
      });
      expect(refused.headers.get('retry-after')).toBe('5');
      const ready = await fetch(`${limited.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await upstreamRequests(sandbox)).toEqual([]);

      await redis.start();
      let status = 0;
      for (let i = 0; i < 50 && status !== 201; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await limited.post({ email: 'back@example.com' }, { 'Idempotency-Key': crypto.randomUUID() })).status;
      }
      expect(status).toBe(201);
      expect((await fetch(`${limited.url}/readyz`)).status).toBe(200);
    } finally {
      await limited.server.close();
    }
  });
});
