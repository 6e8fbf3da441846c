import { describe, expect, it } from 'vitest';
import { type ClaimResult, fingerprint, MemoryIdempotencyStore } from './idempotency.ts';

const ownerOf = (result: ClaimResult) => {
  if (!result.claimed) throw new Error('expected a claim');
  return result.owner;
};

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
    expect(results.filter((r) => !r.claimed)[0]).toMatchObject({
      claimed: false,
      record: { state: 'running', fingerprint: 'f' },
    });
  });

  it('replays a completed answer and frees a released key', async () => {
    const store = new MemoryIdempotencyStore();
    const owner = ownerOf(await store.claim('k', 'f', 1000));
    expect(await store.complete('k', owner, 'f', { status: 201, body: { id: 'cust_1' } }, 1000)).toBe(true);
    expect(await store.claim('k', 'f', 1000)).toEqual({
      claimed: false,
      record: { state: 'done', fingerprint: 'f', response: { status: 201, body: { id: 'cust_1' } } },
    });
    const again = new MemoryIdempotencyStore();
    const second = ownerOf(await again.claim('k', 'f', 1000));
    expect(await again.release('k', second)).toBe(true);
    expect(await again.claim('k', 'f', 1000)).toMatchObject({ claimed: true, reconcile: false });
  });

  it('hands an unknown outcome to the next claim with the same body, for reconciliation', async () => {
    const store = new MemoryIdempotencyStore();
    const owner = ownerOf(await store.claim('k', 'f', 1000));
    await store.markUnknown('k', owner, 'f', 1000);
    expect(await store.claim('k', 'other', 1000)).toEqual({
      claimed: false,
      record: { state: 'unknown', fingerprint: 'f' },
    });
    expect(await store.claim('k', 'f', 1000)).toMatchObject({ claimed: true, reconcile: true });
  });

  it('takes over a claim whose lease ran out, reconciling first, and never for another body', async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim('k', 'f', 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.claim('k', 'other', 1000)).toMatchObject({ claimed: false, record: { state: 'running' } });
    expect(await store.claim('k', 'f', 1000)).toMatchObject({ claimed: true, reconcile: true });
  });

  it('refuses every write from an owner whose claim was taken over', async () => {
    const store = new MemoryIdempotencyStore();
    const first = ownerOf(await store.claim('k', 'f', 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = ownerOf(await store.claim('k', 'f', 1000));
    expect(await store.complete('k', first, 'f', { status: 201, body: { id: 'cust_old' } }, 1000)).toBe(false);
    expect(await store.markUnknown('k', first, 'f', 1000)).toBe(false);
    expect(await store.release('k', first)).toBe(false);
    expect(await store.get('k')).toMatchObject({ state: 'running', owner: second });
  });

  it('stays within its byte budget, dropping the least recently used first', async () => {
    const store = new MemoryIdempotencyStore({ maxBytes: 100_000 });
    const body = { id: 'cust_test_x', description: 'x'.repeat(900) };
    for (let i = 0; i < 1000; i++) {
      const owner = ownerOf(await store.claim(`k${i}`, 'f', 60_000));
      await store.complete(`k${i}`, owner, 'f', { status: 201, body }, 60_000);
    }
    expect(store.size).toBeGreaterThan(50);
    expect(store.size).toBeLessThan(110);
    expect(await store.get('k999')).toBeDefined();
    expect(await store.get('k0')).toBeUndefined();
  });
});
