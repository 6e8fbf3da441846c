import { findCardNumber } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import { inScript, SCRIPTS } from '../../shared/src/test-support/card-text.ts';
import type { ServerCustomerFields } from './customers-router/options.ts';
import { MemoryIdempotencyStore } from './idempotency.ts';
import { sandboxCustomers, tokenize, upstreamRequests, useProxies, useSandbox } from './test-support/harness.ts';

// Every value that leaves the proxy for Omise passes the same card check as the body: the
// Idempotency-Key it copies into metadata, and whatever the merchant's customerFields returns.
const world = useSandbox();
const newProxy = useProxies(world);
const proxyWith = (deps: Parameters<typeof newProxy>[1]) => newProxy({}, deps);

describe('the Idempotency-Key, which goes to Omise as metadata.idempotency_key', () => {
  it.each([
    ['4242424242424242', 'bare'],
    ['4242-4242-4242-4242', 'dashed'],
    ['signup-4242424242424242', 'after a word and a dash'],
    ['key_4242_4242_4242_4242', 'joined by underscores'],
    ['4111.1111.1111.1111:retry', 'dotted, with more after it'],
    ['tokn_test_4242424242424242abc', 'inside a token-shaped id'],
    ['378282246310005', 'a 15-digit Amex number'],
  ])('refuses %j (%s) before anything is stored or sent', async (key) => {
    const store = new MemoryIdempotencyStore();
    const proxy = await proxyWith({ idempotencyStore: store });
    const response = await proxy.post({ email: 'key@example.com' }, { 'Idempotency-Key': key });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      object: 'error',
      code: 'card_data_rejected',
      message: 'The Idempotency-Key header holds what looks like a card number. Use a random id, such as a UUID.',
      request_id: expect.any(String),
      fields: [{ field: 'Idempotency-Key', message: 'Use a random id, such as a UUID.' }],
    });
    expect(await store.get(key)).toBeUndefined();
    expect(await upstreamRequests(world.sandbox)).toEqual([]);
    const said = JSON.stringify(response.body) + JSON.stringify([...response.headers]) + proxy.logs.join('');
    expect(findCardNumber(said)).toBeNull();
    await store.close();
  });

  it('keeps keys that only look numeric: UUIDs, short numbers, a timestamp in seconds', async () => {
    const proxy = await newProxy();
    for (const key of [crypto.randomUUID(), 'order-12345', 'signup-1767225600', crypto.randomUUID().toUpperCase()]) {
      const response = await proxy.post({ email: 'fine@example.com' }, { 'Idempotency-Key': key });
      expect(response.status).toBe(201);
    }
  });
});

describe("what the merchant's customerFields hook returns", () => {
  const thai = inScript('4242424242424242', SCRIPTS.thai);
  it.each<[string, ServerCustomerFields, string]>([
    ['the description', { description: 'card 4242 4242 4242 4242' }, 'description'],
    ['a metadata value', { metadata: { user_id: '4242424242424242' } }, 'metadata.user_id'],
    ['a metadata number', { metadata: { account: 4242424242424242 } }, 'metadata.account'],
    [
      'a value deep in metadata',
      { metadata: { notes: [{ text: 'ok' }, { text: `pan ${thai}` }] } },
      'metadata.notes[1].text',
    ],
    ['a metadata key', { metadata: { '4242-4242-4242-4242': true } }, 'metadata["[card number removed]"]'],
  ])('holding a card number in %s, sends nothing to Omise and answers internal_error', async (_where, fields, path) => {
    const proxy = await proxyWith({ hooks: { customerFields: () => fields } });
    const card = await tokenize(world.sandbox);
    const key = crypto.randomUUID();
    const response = await proxy.post({ email: 'hooked@example.com', card }, { 'Idempotency-Key': key });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      object: 'error',
      code: 'internal_error',
      message: 'Something went wrong on our side. Try again.',
      request_id: expect.any(String),
    });
    expect(await upstreamRequests(world.sandbox)).toEqual([]);
    const loud = proxy.logs.find((line) => line.includes('OPERATOR ACTION NEEDED'));
    expect(JSON.parse(loud ?? '{}')).toMatchObject({ level: 50, field: path, request_id: response.body.request_id });
    expect(findCardNumber(proxy.logs.join(''))).toBeNull();
  });

  it('frees the key, so that the same request goes through once the hook is fixed', async () => {
    let leaking = true;
    const proxy = await proxyWith({
      hooks: { customerFields: () => ({ metadata: { user_id: leaking ? '4242424242424242' : 'u_42' } }) },
    });
    const card = await tokenize(world.sandbox);
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    expect((await proxy.post({ email: 'fixed@example.com', card }, headers)).status).toBe(500);
    leaking = false;
    const retry = await proxy.post({ email: 'fixed@example.com', card }, headers);
    expect(retry.status).toBe(201);
    expect(retry.body.metadata).toEqual({ user_id: 'u_42', idempotency_key: headers['Idempotency-Key'] });
    expect(await sandboxCustomers(world.sandbox)).toHaveLength(1);
  });

  it('refuses without an Idempotency-Key too', async () => {
    const proxy = await proxyWith({ hooks: { customerFields: async () => ({ description: '5555-5555-5555-4444' }) } });
    const response = await proxy.post({ email: 'nokey@example.com' });
    expect(response.status).toBe(500);
    expect(await upstreamRequests(world.sandbox)).toEqual([]);
  });
});
