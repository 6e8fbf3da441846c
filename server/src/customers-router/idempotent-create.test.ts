import type { NormalisedCustomer } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../errors.ts';
import { MemoryIdempotencyStore } from '../idempotency.ts';
import type { CustomerPage, OmiseClient } from '../omise-client.ts';
import { type CreateAttempt, type IdempotentCreateDeps, idempotentCreate } from './idempotent-create.ts';

// A unit test: Omise is a fake here, so each step's outcome can be chosen. The same paths run
// against the sandbox in customers.test.ts, faults.test.ts and reconcile.test.ts.
const customer = (key: string): NormalisedCustomer => ({
  object: 'customer',
  id: 'cust_test_5086xleuh9ft4bn0ac2',
  metadata: { idempotency_key: key },
});

function fakeOmise(script: { create: Array<() => NormalisedCustomer>; lists: CustomerPage[] }) {
  const calls: string[] = [];
  const omise: OmiseClient = {
    async createCustomer() {
      calls.push('create');
      const next = script.create.shift();
      if (!next) throw new Error('unexpected create');
      return next();
    },
    async listCustomers(params) {
      calls.push(`list ${params.offset ?? 0}`);
      return script.lists.shift() ?? { customers: [], received: 0, total: 0 };
    },
    retrieveCustomer: async () => {
      throw new Error('unexpected retrieve');
    },
    ping: async () => {},
    close: () => {},
  };
  return { omise, calls };
}

const used = () => {
  throw new ProxyError('used_token', 'token was already used', { outcome: 'refused' });
};
const lost = () => {
  throw new ProxyError('upstream_timeout', 'The payment service took too long to answer. Try again.', {
    outcome: 'unknown',
  });
};

function setUp(script: Parameters<typeof fakeOmise>[0], store = new MemoryIdempotencyStore()) {
  const { omise, calls } = fakeOmise(script);
  const deps: IdempotentCreateDeps = {
    omise,
    store,
    leaseMs: 60_000,
    inFlightWaitMs: 100,
    reconcileSkewMs: 0,
    metrics: undefined,
  };
  const attempt: CreateAttempt = {
    key: 'key-1',
    fingerprint: 'f',
    requestId: 'req-1',
    params: async () => ({ email: 'a@example.com', metadata: { idempotency_key: 'key-1' } }),
    call: {},
    gone: () => false,
  };
  return { deps, attempt, calls, store };
}

describe('idempotentCreate', () => {
  it('creates once and keeps the answer for the next attempt', async () => {
    const { deps, attempt, calls, store } = setUp({ create: [() => customer('key-1')], lists: [] });
    expect(await idempotentCreate(deps, attempt)).toEqual({ customer: customer('key-1') });
    expect(await idempotentCreate(deps, attempt)).toEqual({ replay: { status: 201, body: customer('key-1') } });
    expect(calls).toEqual(['create']);
    expect(await store.get('key-1')).toMatchObject({ state: 'done' });
  });

  it('marks a lost answer unknown, then looks for the customer before creating again', async () => {
    const found = { customers: [customer('key-1')], received: 1, total: 1 };
    const { deps, attempt, calls } = setUp({ create: [lost], lists: [found] });
    await expect(idempotentCreate(deps, attempt)).rejects.toMatchObject({ code: 'upstream_timeout' });
    expect(await idempotentCreate(deps, attempt)).toEqual({ customer: customer('key-1') });
    expect(calls).toEqual(['create', 'list 0']);
  });

  it('answers used_token after an unknown outcome only once it has looked again', async () => {
    const none = { customers: [], received: 0, total: 0 };
    const later = { customers: [customer('key-1')], received: 1, total: 1 };
    const { deps, attempt, calls } = setUp({ create: [lost, used], lists: [none, later] });
    await expect(idempotentCreate(deps, attempt)).rejects.toMatchObject({ code: 'upstream_timeout' });
    // Nothing found, the token is spent: that earlier attempt used it, and its customer now shows.
    expect(await idempotentCreate(deps, attempt)).toEqual({ customer: customer('key-1') });
    expect(calls).toEqual(['create', 'list 0', 'create', 'list 0']);
  });

  it('keeps used_token as the final answer when a second look finds nothing either', async () => {
    const none = { customers: [], received: 0, total: 0 };
    const { deps, attempt, store } = setUp({ create: [lost, used], lists: [none, none] });
    await expect(idempotentCreate(deps, attempt)).rejects.toMatchObject({ code: 'upstream_timeout' });
    await expect(idempotentCreate(deps, attempt)).rejects.toMatchObject({ code: 'used_token' });
    expect(await store.get('key-1')).toMatchObject({
      state: 'done',
      response: { status: 400, body: { code: 'used_token', message: 'token was already used', request_id: 'req-1' } },
    });
  });

  it('frees the key when Omise surely never got the create', async () => {
    const refused = () => {
      throw new ProxyError('upstream_unavailable', 'unreachable', { outcome: 'not_sent' });
    };
    const { deps, attempt, store } = setUp({ create: [refused], lists: [] });
    await expect(idempotentCreate(deps, attempt)).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(await store.get('key-1')).toBeUndefined();
  });

  it('does not create when its claim was taken over while it reconciled', async () => {
    const store = new MemoryIdempotencyStore();
    const { deps, attempt, calls } = setUp({ create: [lost], lists: [] }, store);
    await expect(idempotentCreate(deps, attempt)).rejects.toMatchObject({ code: 'upstream_timeout' });
    // The second attempt's lease runs out while it pages, and a third attempt takes the key over.
    const slow = { ...deps, leaseMs: 1 };
    slow.omise = {
      ...deps.omise,
      listCustomers: async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await store.claim('key-1', 'f', 60_000);
        return { customers: [], received: 0, total: 0 };
      },
    };
    await expect(idempotentCreate(slow, attempt)).rejects.toMatchObject({ code: 'request_in_progress' });
    expect(calls).toEqual(['create']);
  });
});
