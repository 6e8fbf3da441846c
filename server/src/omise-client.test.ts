import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createOmiseClient } from './omise-client.ts';
import { configFor, control, startProxy, upstreamRequests, useSandbox } from './test-support/harness.ts';

const t = useSandbox();

/** A real egress proxy on loopback: it tunnels CONNECT requests and remembers where to. */
async function startConnectProxy() {
  const tunnels: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the Omise client', () => {
  it('goes through OMISE_HTTPS_PROXY when it is set, with a CONNECT tunnel', async () => {
    const egress = await startConnectProxy();
    const proxy = await startProxy(configFor(t.sandbox, { OMISE_HTTPS_PROXY: egress.url }));
    try {
      const response = await proxy.post({ email: 'egress@example.com' });
      expect(response.status).toBe(201);
      expect(egress.tunnels).toEqual([new URL(t.sandbox.apiUrl).host]);
      expect(await upstreamRequests(t.sandbox)).toHaveLength(1);
    } finally {
      await proxy.server.close();
      await egress.close();
    }
  });

  it("never takes a proxy from the environment's proxy variables", async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY };
    const egress = await startConnectProxy();
    process.env.HTTP_PROXY = egress.url;
    process.env.HTTPS_PROXY = egress.url;
    const omise = createOmiseClient({ secretKey: t.sandbox.secretKey, apiUrl: t.sandbox.apiUrl });
    try {
      expect((await omise.createCustomer({ email: 'direct@example.com' })).object).toBe('customer');
      expect(egress.tunnels).toEqual([]);
    } finally {
      omise.close();
      Object.assign(process.env, saved);
      for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name];
      await egress.close();
    }
  });

  it('follows no redirect: a 3xx is an unavailable upstream, asked once', async () => {
    const omise = createOmiseClient({ secretKey: t.sandbox.secretKey, apiUrl: t.sandbox.apiUrl });
    try {
      await control(t.sandbox, 'faults', { body: { kind: 'reply', status: 302, path: '/customers', body: {} } });
      await expect(omise.createCustomer({ email: 'moved@example.com' })).rejects.toMatchObject({
        code: 'upstream_unavailable',
        outcome: 'refused',
      });
      expect(await upstreamRequests(t.sandbox)).toHaveLength(1);
    } finally {
      omise.close();
    }
  });

  it('reuses its keep-alive sockets across calls', async () => {
    const sockets = new Set<string>();
    const counting = http.createServer((req, res) => {
      sockets.add(`${req.socket.remotePort}`);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ object: 'customer', id: 'cust_test_5086xleuh9ft4bn0ac2' }));
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    const omise = createOmiseClient({
      secretKey: 'skey_test_5086xleuh9ft4bn0ac2',
      apiUrl: `http://127.0.0.1:${(counting.address() as AddressInfo).port}`,
    });
    try {
      for (let i = 0; i < 5; i++) await omise.createCustomer({ email: `keep-${i}@example.com` });
      expect(sockets.size).toBe(1);
    } finally {
      omise.close();
      counting.closeAllConnections();
      await new Promise((resolve) => counting.close(resolve));
    }
  });
});

describe("Omise's 429", () => {
  it('is upstream_busy, 503 with Retry-After, in its own words', async () => {
    const proxy = await startProxy(configFor(t.sandbox));
    try {
      await control(t.sandbox, 'faults', { body: { kind: 'status', status: 429, path: '/customers' } });
      const response = await proxy.post({ email: 'busy@example.com' });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.body).toEqual({
        object: 'error',
        code: 'upstream_busy',
        message: 'The payment service is busy. Try again in a moment.',
        request_id: expect.any(String),
      });
    } finally {
      await proxy.server.close();
    }
  });
});
