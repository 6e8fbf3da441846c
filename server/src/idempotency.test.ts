import { describe, expect, it } from 'vitest';
import {
  type Claim,
  type ClaimResult,
  fingerprint,
  IDEMPOTENCY_TTL_MS,
  MemoryIdempotencyStore,
  newClaim,
} from './idempotency.ts';

const held = (result: ClaimResult): Claim => {
  if (!result.claimed) throw new Error('expected a claim');
  return result.claim;
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
    const claim = held(await store.claim('k', 'f', 1000));
    expect(await store.complete(claim, { status: 201, body: { id: 'cust_1' } }, 1000)).toBe(true);
    expect(await store.claim('k', 'f', 1000)).toEqual({
      claimed: false,
      record: { state: 'done', fingerprint: 'f', response: { status: 201, body: { id: 'cust_1' } } },
    });
    const again = new MemoryIdempotencyStore();
    const second = held(await again.claim('k', 'f', 1000));
    expect(await again.release(second)).toBe(true);
    expect(await again.claim('k', 'f', 1000)).toMatchObject({ claimed: true, claim: { reconcile: false } });
  });

  it('hands an unknown outcome to the next claim with the same body, for reconciliation from the first start', async () => {
    const store = new MemoryIdempotencyStore();
    const first = held(await store.claim('k', 'f', 1000));
    expect(first.since).toBeGreaterThan(Date.now() - 1000);
    await store.markUnknown(first, 1000);
    expect(await store.claim('k', 'other', 1000)).toEqual({
      claimed: false,
      record: { state: 'unknown', fingerprint: 'f', since: first.since },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = held(await store.claim('k', 'f', 1000));
    expect(second).toMatchObject({ reconcile: true, since: first.since });
    // Unknown again: the next attempt still looks from the very first start.
    await store.markUnknown(second, 1000);
    expect(held(await store.claim('k', 'f', 1000)).since).toBe(first.since);
  });

  it('looks back a whole day for a record written before claims kept their start', () => {
    // What an older version wrote: no since.
    expect(newClaim('k', { state: 'unknown', fingerprint: 'f' }, 'f', 1_000_000_000_000)).toMatchObject({
      reconcile: true,
      since: 1_000_000_000_000 - IDEMPOTENCY_TTL_MS,
    });
  });

  it('renews a lease only for the claim that holds it', async () => {
    const store = new MemoryIdempotencyStore();
    const first = held(await store.claim('k', 'f', 5));
    expect(await store.renew(first, 60_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Renewed: not stale, so not taken over.
    expect(await store.claim('k', 'f', 1000)).toMatchObject({ claimed: false, record: { state: 'running' } });
    const lapsed = held(await new MemoryIdempotencyStore().claim('k', 'f', 1000));
    expect(await store.renew(lapsed, 60_000)).toBe(false);
  });

  it('takes over a claim whose lease ran out, reconciling first, and never for another body', async () => {
    const store = new MemoryIdempotencyStore();
    const first = held(await store.claim('k', 'f', 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.claim('k', 'other', 1000)).toMatchObject({ claimed: false, record: { state: 'running' } });
    expect(await store.claim('k', 'f', 1000)).toMatchObject({
      claimed: true,
      claim: { reconcile: true, since: first.since },
    });
  });

  it('refuses every write from an owner whose claim was taken over', async () => {
    const store = new MemoryIdempotencyStore();
    const first = held(await store.claim('k', 'f', 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = held(await store.claim('k', 'f', 1000));
    expect(await store.complete(first, { status: 201, body: { id: 'cust_old' } }, 1000)).toBe(false);
    expect(await store.markUnknown(first, 1000)).toBe(false);
    expect(await store.renew(first, 1000)).toBe(false);
    expect(await store.release(first)).toBe(false);
    expect(await store.get('k')).toMatchObject({ state: 'running', owner: second.owner });
  });

  it('stays within its byte budget, dropping the least recently used first', async () => {
    const store = new MemoryIdempotencyStore({ maxBytes: 100_000 });
    const body = { id: 'cust_test_x', description: 'x'.repeat(900) };
    for (let i = 0; i < 1000; i++) {
      const claim = held(await store.claim(`k${i}`, 'f', 60_000));
      await store.complete(claim, { status: 201, body }, 60_000);
    }
    expect(store.size).toBeGreaterThan(50);
    expect(store.size).toBeLessThan(110);
    expect(await store.get('k999')).toBeDefined();
    expect(await store.get('k0')).toBeUndefined();
  });
});
