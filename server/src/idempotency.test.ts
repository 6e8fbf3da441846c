import { describe, expect, it } from 'vitest';
import { fingerprint, MemoryIdempotencyStore } from './idempotency.ts';

describe('fingerprint', () => {
  it('ignores key order and tells different bodies apart', () => {
    expect(fingerprint({ email: 'a@example.com', card: 't' })).toBe(fingerprint({ card: 't', email: 'a@example.com' }));
    expect(fingerprint({ email: 'a@example.com' })).not.toBe(fingerprint({ email: 'b@example.com' }));
  });
});

describe('MemoryIdempotencyStore', () => {
  it('lets exactly one of many callers claim a key', async () => {
    const store = new MemoryIdempotencyStore();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.claim('k', 'f', 1000)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(results.filter((r) => !r.claimed)[0]).toEqual({
      claimed: false,
      record: { state: 'running', fingerprint: 'f' },
    });
  });

  it('replays a completed answer and frees a released key', async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim('k', 'f', 1000);
    await store.complete('k', 'f', { status: 201, body: { id: 'cust_1' } }, 1000);
    expect(await store.claim('k', 'f', 1000)).toEqual({
      claimed: false,
      record: { state: 'done', fingerprint: 'f', response: { status: 201, body: { id: 'cust_1' } } },
    });
    await store.release('k');
    expect(await store.claim('k', 'f', 1000)).toEqual({ claimed: true, reconcile: false });
  });

  it('hands an unknown outcome to the next claim with the same body, for reconciliation', async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim('k', 'f', 1000);
    await store.markUnknown('k', 'f', 1000);
    expect(await store.claim('k', 'other', 1000)).toEqual({
      claimed: false,
      record: { state: 'unknown', fingerprint: 'f' },
    });
    expect(await store.claim('k', 'f', 1000)).toEqual({ claimed: true, reconcile: true });
  });

  it('forgets a claim whose lease ran out', async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim('k', 'f', 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.claim('k', 'f', 1000)).toEqual({ claimed: true, reconcile: false });
  });

  it('stays within its byte budget, dropping the least recently used first', async () => {
    const store = new MemoryIdempotencyStore({ maxBytes: 100_000 });
    const body = { id: 'cust_test_x', description: 'x'.repeat(900) };
    for (let i = 0; i < 1000; i++) await store.complete(`k${i}`, 'f', { status: 201, body }, 60_000);
    expect(store.size).toBeGreaterThan(50);
    expect(store.size).toBeLessThan(110);
    expect(await store.get('k999')).toBeDefined();
    expect(await store.get('k0')).toBeUndefined();
  });
});
