import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from '../idempotency.ts';
import { createOmiseClient } from '../omise-client.ts';
import { configFor, startProxy, type TestProxy, upstreamRequests, useSandbox } from '../test-support/harness.ts';
import { createCustomersRouter } from './router.ts';
import { createUpstreamWarmer } from './warmup.ts';

describe('the upstream warmer', () => {
  it('makes one call, then none until the interval has passed', async () => {
    let clock = 0;
    let calls = 0;
    const warmer = createUpstreamWarmer({ call: async () => calls++, minIntervalMs: 1000, now: () => clock });
    const settled = () => new Promise((resolve) => setTimeout(resolve));
    warmer.warm();
    await settled();
    warmer.warm();
    clock = 999;
    warmer.warm();
    await settled();
    expect(calls).toBe(1);
    clock = 1000;
    warmer.warm();
    expect(calls).toBe(2);
  });

  it('never runs two warm-ups at once, however long one takes', async () => {
    let clock = 0;
    let calls = 0;
    let finish: () => void = () => {};
    const warmer = createUpstreamWarmer({
      call: () => {
        calls++;
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      now: () => clock,
    });
    warmer.warm();
    clock = 60_000;
    warmer.warm();
    expect(calls).toBe(1);
    finish();
    await new Promise((resolve) => setTimeout(resolve));
    warmer.warm();
    expect(calls).toBe(2);
  });

  it('tries once more when its call fails: a pooled connection Omise had closed fails at once', async () => {
    let calls = 0;
    const logged: unknown[] = [];
    const warmer = createUpstreamWarmer({
      call: () =>
        calls++ === 0 ? Promise.reject(Object.assign(new Error('reset'), { code: 'ECONNRESET' })) : Promise.resolve(),
      logger: { debug: (object: unknown) => logged.push(object) } as never,
    });
    warmer.warm();
    await new Promise((resolve) => setTimeout(resolve));
    expect(calls).toBe(2);
    expect(logged).toEqual([]);
  });

  it('swallows a call that fails twice: the next real request reports the problem', async () => {
    let calls = 0;
    const logged: unknown[] = [];
    const warmer = createUpstreamWarmer({
      call: () => {
        calls++;
        return Promise.reject(Object.assign(new Error('down'), { code: 'upstream_unavailable' }));
      },
      logger: { debug: (object: unknown) => logged.push(object) } as never,
    });
    expect(() => warmer.warm()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve));
    expect(calls).toBe(2);
    expect(logged).toEqual([{ code: 'upstream_unavailable' }]);
  });
});

describe('POST /api/warmup', () => {
  const use = useSandbox();
  const sandboxGets = () => upstreamRequests(use.sandbox, 'target=api&path=/customers&method=GET');
  let proxy: TestProxy;
  // A proxy each: its warmer remembers the last warm-up.
  beforeEach(async () => {
    proxy = await startProxy(configFor(use.sandbox));
  });
  afterEach(() => proxy?.server.close());

  const warmup = (headers: Record<string, string> = {}) =>
    fetch(`${proxy.url}/api/warmup`, { method: 'POST', headers });

  it('answers 204 with no body and makes one cheap authenticated call to Omise', async () => {
    const response = await warmup();
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await expect
      .poll(sandboxGets)
      .toEqual([
        expect.objectContaining({ query: { limit: '1' }, auth: { user: use.sandbox.secretKey, password: '' } }),
      ]);
  });

  it('makes at most one call to Omise for a burst of warm-ups', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => warmup()));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(204));
    await expect.poll(sandboxGets).toHaveLength(1);
  });

  it('refuses other origins like the rest of the API', async () => {
    const response = await warmup({ Origin: 'https://elsewhere.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'forbidden_origin' });
  });

  it('is there on a router a merchant mounts in an app of their own', async () => {
    const omise = createOmiseClient({ secretKey: use.sandbox.secretKey, apiUrl: use.sandbox.apiUrl });
    const router = createCustomersRouter({ omise, idempotencyStore: new MemoryIdempotencyStore() });
    const server = express().use('/signup', router).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/signup/warmup`, { method: 'POST' });
      expect(response.status).toBe(204);
      await expect.poll(sandboxGets).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await router.close();
      omise.close();
    }
  });
});
