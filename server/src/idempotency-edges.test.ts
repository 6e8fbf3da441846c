import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createCustomersRouter } from './customers-router/index.ts';
import { ProxyError } from './errors.ts';
import { MemoryIdempotencyStore } from './idempotency.ts';
import { createOmiseClient } from './omise-client.ts';
import { configFor, control, sandboxCustomers, startProxy, tokenize, useSandbox } from './test-support/harness.ts';

const t = useSandbox();

/** A memory store whose next `complete` fails, as Redis would in a blip. */
class FlakyStore extends MemoryIdempotencyStore {
  failNextComplete = false;
  override async complete(...args: Parameters<MemoryIdempotencyStore['complete']>) {
    if (this.failNextComplete) {
      this.failNextComplete = false;
      throw new ProxyError('store_unavailable', 'Sign-up is briefly unavailable. Try again in a moment.');
    }
    return super.complete(...args);
  }
}

async function serve(router: ReturnType<typeof createCustomersRouter>) {
  const server = express().use('/api', router).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/customers`;
  const post = async (body: unknown, key: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { id?: string; code?: string } };
  };
  return { post, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('idempotency at the edges', () => {
  it('still answers 201 when the store fails after Omise created the customer, and a retry finds it', async () => {
    const store = new FlakyStore();
    const omise = createOmiseClient({ secretKey: t.sandbox.secretKey, apiUrl: t.sandbox.apiUrl });
    const router = createCustomersRouter({
      omise,
      idempotencyStore: store,
      leaseMs: 200,
      inFlightWaitMs: 2000,
      limits: { ipPerMinute: 0, emailPerHour: 0 },
    });
    const { post, close } = await serve(router);
    try {
      const body = { email: 'blip@example.com', card: await tokenize(t.sandbox) };
      store.failNextComplete = true;
      const first = await post(body, 'blip-key');
      expect(first.status).toBe(201);
      // The record could not be written; once its lease is over, a retry reconciles to the same customer.
      const retry = await post(body, 'blip-key');
      expect(retry).toEqual({ status: 201, body: expect.objectContaining({ id: first.body.id }) });
      expect((await sandboxCustomers(t.sandbox)).filter((c) => c.email === 'blip@example.com')).toHaveLength(1);
    } finally {
      await close();
      await router.close();
      omise.close();
    }
  });

  it('records the outcome of a create cut off by shutdown before the process lets go', async () => {
    const store = new MemoryIdempotencyStore();
    const proxy = await startProxy(configFor(t.sandbox, { SHUTDOWN_TIMEOUT_MS: '100', UPSTREAM_TIMEOUT_MS: '700' }), {
      idempotencyStore: store,
    });
    await control(t.sandbox, 'faults', { body: { kind: 'hang', when: 'after', path: '/customers' } });
    const inFlight = proxy.post({ email: 'cut@example.com' }, { 'Idempotency-Key': 'cut-key' }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await proxy.server.close();
    // close() waited for the request to finish with Omise and settle its record.
    expect(await store.get('cut-key')).toEqual({
      state: 'unknown',
      fingerprint: expect.any(String),
      since: expect.any(Number),
    });
    await inFlight;
    expect((await sandboxCustomers(t.sandbox)).filter((c) => c.email === 'cut@example.com')).toHaveLength(1);
  });
});
