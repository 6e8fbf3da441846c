import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY } from './auth.ts';
import { createSandboxApps, startSandbox } from './sandbox.ts';
import { basic, call, cardForm, rawRequest, validCard } from './test-helpers.ts';

describe('startSandbox', () => {
  it('listens on 127.0.0.1 by default and hands out URLs and a test key pair', async () => {
    const sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
    try {
      expect(sandbox.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.vaultUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.vaultUrl).not.toBe(sandbox.apiUrl);
      expect(sandbox.omiseJsUrl).toBe(`${sandbox.vaultUrl}/omise.js`);
      expect(sandbox.secretKey).toBe(DEFAULT_SECRET_KEY);
      expect(sandbox.publicKey).toBe(DEFAULT_PUBLIC_KEY);
      expect(sandbox.secretKey).toMatch(/^skey_test_[0-9a-z]{19}$/);
      expect(sandbox.publicKey).toMatch(/^pkey_test_[0-9a-z]{19}$/);
    } finally {
      await sandbox.close();
    }
  });

  it('takes only the configured keys when given, and hands out the first', async () => {
    const sandbox = await startSandbox({
      apiPort: 0,
      vaultPort: 0,
      secretKeys: ['skey_test_mine'],
      publicKeys: ['pkey_test_mine'],
    });
    try {
      expect([sandbox.secretKey, sandbox.publicKey]).toEqual(['skey_test_mine', 'pkey_test_mine']);
      expect((await call(sandbox.apiUrl, 'GET', '/customers', { key: 'skey_test_mine' })).status).toBe(200);
      expect((await call(sandbox.apiUrl, 'GET', '/customers', { key: DEFAULT_SECRET_KEY })).status).toBe(401);
      const card = { form: cardForm(validCard()) };
      expect((await call(sandbox.vaultUrl, 'POST', '/tokens', { ...card, key: 'pkey_test_mine' })).status).toBe(200);
      expect((await call(sandbox.vaultUrl, 'POST', '/tokens', { ...card, key: DEFAULT_PUBLIC_KEY })).status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });

  it('dates objects and checks expiry with the given clock', async () => {
    const sandbox = await startSandbox({ apiPort: 0, vaultPort: 0, now: () => new Date('2031-06-15T10:20:30.456Z') });
    try {
      const stale = await call(sandbox.vaultUrl, 'POST', '/tokens', {
        form: cardForm(validCard({ expiration_month: '5', expiration_year: '2031' })),
        key: sandbox.publicKey,
      });
      expect(stale.json).toMatchObject({ code: 'invalid_card', message: 'expiration date cannot be in the past' });
      const customer = await call(sandbox.apiUrl, 'POST', '/customers', { json: {}, key: sandbox.secretKey });
      expect(customer.json).toMatchObject({
        created_at: '2031-06-15T10:20:30Z',
        cards: { to: '2031-06-15T10:20:30Z' },
      });
    } finally {
      await sandbox.close();
    }
  });

  it('reset() clears state like POST /__sandbox/reset', async () => {
    const sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
    try {
      await call(sandbox.apiUrl, 'POST', '/customers', { json: {}, key: sandbox.secretKey });
      sandbox.reset();
      const list = await call(sandbox.apiUrl, 'GET', '/customers', { key: sandbox.secretKey });
      expect(list.json).toMatchObject({ total: 0 });
    } finally {
      await sandbox.close();
    }
  });

  it('close() returns promptly with a hung request and a pending latency fault, and frees the ports', async () => {
    const sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
    const port = Number(new URL(sandbox.apiUrl).port);
    await call(sandbox.apiUrl, 'POST', '/__sandbox/faults', { json: { kind: 'hang', path: '/customers' } });
    await call(sandbox.vaultUrl, 'POST', '/__sandbox/faults', { json: { kind: 'latency', ms: 60_000 } });
    const auth = { authorization: basic(sandbox.secretKey) };
    const hung = rawRequest(`${sandbox.apiUrl}/customers`, { headers: auth, timeoutMs: 10_000 }).catch((e) => e);
    const slow = rawRequest(`${sandbox.vaultUrl}/tokens/x`, { timeoutMs: 10_000 }).catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await sandbox.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await hung).toMatchObject({ code: 'ECONNRESET' });
    expect(await slow).toMatchObject({ code: 'ECONNRESET' });
    const again = await startSandbox({ apiPort: port, vaultPort: 0 });
    await again.close();
  });

  it('fails with the address when a port is taken, leaving nothing listening', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      await expect(startSandbox({ apiPort: 0, vaultPort: taken })).rejects.toThrow(
        `sandbox could not listen on 127.0.0.1:${taken}: listen EADDRINUSE`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('createSandboxApps', () => {
  it('serves the API and the vault from servers of your own, sharing one state', async () => {
    const apps = createSandboxApps({ secretKeys: ['skey_test_own'], publicKeys: ['pkey_test_own'] });
    const servers = [createHttpServer(apps.api), createHttpServer(apps.vault)];
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
    const [apiUrl, vaultUrl] = servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      apps.setVaultUrl(vaultUrl ?? '');
      const token = await call(vaultUrl ?? '', 'POST', '/tokens', {
        form: cardForm(validCard()),
        key: 'pkey_test_own',
      });
      const id = (token.json as { id: string }).id;
      expect(token.json).toMatchObject({ location: `${vaultUrl}/tokens/${id}` });
      const customer = await call(apiUrl ?? '', 'POST', '/customers', { form: { card: id }, key: 'skey_test_own' });
      expect(customer.status).toBe(200);
      apps.reset();
      expect((await call(apiUrl ?? '', 'GET', '/customers', { key: 'skey_test_own' })).json).toMatchObject({
        total: 0,
      });
    } finally {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
    }
  });
});
