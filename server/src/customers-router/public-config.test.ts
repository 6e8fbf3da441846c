import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from '../idempotency.ts';
import { createOmiseClient } from '../omise-client.ts';
import type { RouterPublicConfig } from './options.ts';
import { createCustomersRouter } from './router.ts';

const omise = createOmiseClient({ secretKey: 'skey_test_5086xleuh9ft4bn0ac2', apiUrl: 'http://127.0.0.1:9' });
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
afterAll(() => omise.close());

/** The router alone, mounted at /api in a bare Express app, as a merchant mounts it. */
async function mounted(publicConfig?: RouterPublicConfig) {
  const router = createCustomersRouter({
    omise,
    idempotencyStore: new MemoryIdempotencyStore(),
    ...(publicConfig ? { publicConfig } : {}),
  });
  const server = express().use('/api', router).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  closers.push(
    () => new Promise((resolve) => server.close(resolve)),
    () => router.close(),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/config`;
}

const SANDBOX = {
  publicKey: 'pkey_test_5086xleuh9ft4bn0ac2',
  vaultUrl: 'http://127.0.0.1:4011',
  omiseJsUrl: 'http://127.0.0.1:4011/omise.js',
};

describe('GET /config on a mounted router', () => {
  it('serves the public configuration the widget reads, as createApp serves /api/config', async () => {
    const response = await fetch(await mounted(SANDBOX));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.json()).toEqual({ ...SANDBOX, livemode: false });
  });

  it('passes the card frame URL through when there is one, and tells live keys apart', async () => {
    const live = { ...SANDBOX, publicKey: 'pkey_5086xleuh9ft4bn0ac2', cardFrameUrl: 'https://frame.shop.example/' };
    expect(await (await fetch(await mounted(live))).json()).toEqual({ ...live, livemode: true });
  });

  it('answers 404 in JSON when it has nothing to share', async () => {
    const response = await fetch(await mounted());
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      object: 'error',
      code: 'not_found',
      message:
        'This server has no public key to share: set OMISE_PUBLIC_KEY (or publicConfig when mounting the router).',
      request_id: expect.any(String),
    });
  });

  it('refuses a configuration the widget could not use when the router is built', () => {
    expect(() =>
      createCustomersRouter({
        omise,
        idempotencyStore: new MemoryIdempotencyStore(),
        publicConfig: { ...SANDBOX, omiseJsUrl: 'omise.js' },
      }),
    ).toThrow();
  });
});
