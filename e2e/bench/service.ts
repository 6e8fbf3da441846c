// One benchmark participant per process, so each gets its own event loop as in production.
// Usage: node --import tsx bench/service.ts <kind>; prints `READY <url> [<second url>]`. The proxy
// itself is not here: it runs as `pnpm start` runs it (processes.ts, startProxy).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSandboxApps, startSandbox } from '@omise-signup/sandbox';
import { createOmiseClient } from '@omise-signup/server';
import axios from 'axios';
import express from 'express';
import omise from 'omise';
import { createDocsApp } from './docs-integration/app.ts';

const kind = process.argv[2];
const env = process.env;
const ready = (url: string) => console.log(`READY ${url}`);

if (kind === 'sandbox') {
  // On port 80 of 127.0.0.2 because the official omise client has no port option.
  const sandbox = await startSandbox({
    apiHost: env.BENCH_UPSTREAM_HOST ?? '127.0.0.2',
    apiPort: Number(env.BENCH_UPSTREAM_PORT ?? 80),
    vaultHost: '127.0.0.1',
    vaultPort: 0,
  });
  console.log(`READY ${sandbox.apiUrl} ${sandbox.vaultUrl}`);
} else if (kind === 'sandbox-tls') {
  // The network model's Omise: API and vault over TLS with the run's certificate, closing idle
  // connections after BENCH_KEEPALIVE_MS as a real upstream does (sparse signups find them gone).
  const tls = { key: readFileSync(env.BENCH_TLS_KEY_FILE ?? ''), cert: readFileSync(env.BENCH_TLS_CERT_FILE ?? '') };
  const apps = createSandboxApps();
  const listen = (app: http.RequestListener) =>
    new Promise<string>((resolve) => {
      const server = https.createServer(tls, app);
      server.keepAliveTimeout = Number(env.BENCH_KEEPALIVE_MS ?? 2000);
      server.listen(0, '127.0.0.1', () => resolve(`https://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
  const [apiUrl, vaultUrl] = await Promise.all([listen(apps.api), listen(apps.vault)]);
  apps.setVaultUrl(vaultUrl);
  console.log(`READY ${apiUrl} ${vaultUrl}`);
} else if (kind === 'docs-app') {
  const app = createDocsApp({
    secretKey: env.OMISE_SECRET_KEY ?? '',
    publicKey: env.OMISE_PUBLIC_KEY ?? '',
    omiseJsUrl: env.OMISE_JS_URL ?? '',
    apiHost: env.DOCS_API_HOST ?? '',
  });
  const server = app.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else if (kind === 'express-axios') {
  // The honest reference for any Express proxy: express.json() and axios, doing nothing else.
  const client = axios.create({
    baseURL: env.OMISE_API_URL ?? '',
    auth: { username: env.OMISE_SECRET_KEY ?? '', password: '' },
    headers: { 'Omise-Version': '2019-05-29' },
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 128 }),
    validateStatus: () => true,
  });
  const app = express();
  app.use(express.json());
  app.post('/api/customers', async (req, res) => {
    const answer = await client.post('/customers', req.body);
    res.status(answer.status === 200 ? 201 : 502).json(answer.data);
  });
  const server = app.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else if (kind === 'forwarder') {
  // The floor any proxy pays: parse nothing, check nothing, pipe the body to the upstream.
  const upstream = new URL(env.OMISE_API_URL ?? '');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const auth = `Basic ${Buffer.from(`${env.OMISE_SECRET_KEY}:`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port || 80,
        method: 'POST',
        path: '/customers',
        agent,
        headers: { 'Content-Type': 'application/json', Authorization: auth, 'Omise-Version': '2019-05-29' },
      },
      (answer) => {
        res.writeHead(answer.statusCode === 200 ? 201 : 502, { 'Content-Type': 'application/json' });
        answer.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  server.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else if (kind === 'express-floor') {
  // Express 5 with only JSON parsing and the proxy's own Omise client (axios, reading the answer):
  // what the framework alone costs, before any of the proxy's checks, idempotency, logging or metrics.
  const client = createOmiseClient({ secretKey: env.OMISE_SECRET_KEY ?? '', apiUrl: env.OMISE_API_URL ?? '' });
  const app = express();
  app.use(express.json());
  app.post('/api/customers', async (req, res) => {
    try {
      res.status(201).json(await client.createCustomer(req.body));
    } catch {
      res.status(502).json({ object: 'error' });
    }
  });
  const server = app.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else if (kind === 'sdk-route') {
  // What a merchant writes from Omise's docs: an Express route calling the official client.
  const client = omise({
    secretKey: env.OMISE_SECRET_KEY ?? '',
    omiseVersion: '2019-05-29',
    host: new URL(env.OMISE_API_URL ?? '').hostname,
    vaultHost: new URL(env.OMISE_API_URL ?? '').hostname,
    scheme: 'http',
  } as never);
  const app = express();
  app.use(express.json());
  app.post('/api/customers', async (req, res) => {
    try {
      res.status(201).json(await client.customers.create(req.body));
    } catch (error) {
      res.status(502).json(error);
    }
  });
  const server = app.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else {
  console.error(`unknown service ${kind}`);
  process.exit(2);
}
