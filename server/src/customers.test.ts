import { CreatedCustomer, Customer } from '@omise-signup/shared';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomersRouter } from './customers-router/index.ts';
import { MemoryIdempotencyStore } from './idempotency.ts';
import { createOmiseClient } from './omise-client.ts';
import {
  configFor,
  control,
  type Sandbox,
  sandboxCustomers,
  startProxy,
  startSandbox,
  type TestProxy,
  tokenize,
  transcript,
  upstreamRequests,
  VISA,
} from './test-support/harness.ts';

let sandbox: Sandbox;
let proxy: TestProxy;

beforeAll(async () => {
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  proxy = await startProxy(configFor(sandbox));
});
afterAll(async () => {
  await proxy?.server.close();
  await sandbox?.close();
});
beforeEach(() => sandbox.reset());

const key = () => crypto.randomUUID();

describe('POST /api/customers', () => {
  it('creates the customer with exactly the documented upstream call', async () => {
    const card = await tokenize(sandbox);
    const idempotencyKey = key();
    const response = await proxy.post(
      { email: 'somchai@example.com', description: 'Pro plan', card },
      { 'Idempotency-Key': idempotencyKey },
    );
    expect(response.status).toBe(201);
    expect(CreatedCustomer.safeParse(response.body).success).toBe(true);
    // The sandbox answers in full, as Omise's recordings do.
    const customer = Customer.parse(response.body);
    expect(customer).toMatchObject({ object: 'customer', email: 'somchai@example.com', description: 'Pro plan' });
    expect(customer.cards.data[0]).toMatchObject({ brand: 'Visa', last_digits: '4242' });
    expect(customer.default_card).toBe(customer.cards.data[0]?.id);

    const [sent, ...more] = await upstreamRequests(sandbox);
    expect(more).toEqual([]);
    expect(sent?.auth).toEqual({ user: sandbox.secretKey, password: '' });
    expect(sent?.headers['omise-version']).toBe('2019-05-29');
    expect(sent?.headers).not.toHaveProperty('authorization');
    expect(sent?.body).toEqual({
      email: 'somchai@example.com',
      description: 'Pro plan',
      card,
      metadata: { idempotency_key: idempotencyKey },
    });
  });

  it('answers in the 2019-05-29 shape when the upstream speaks 2014-07-27', async () => {
    const legacy = await startProxy(configFor(sandbox, { OMISE_API_VERSION: '2014-07-27' }));
    try {
      const response = await legacy.post({ email: 'legacy@example.com', card: await tokenize(sandbox) });
      expect(response.status).toBe(201);
      expect(response.body).toHaveProperty('created_at');
      expect(response.body).not.toHaveProperty('created');
      expect(response.body).toMatchObject({ deleted: false, metadata: {} });
      expect((await upstreamRequests(sandbox))[0]?.headers['omise-version']).toBe('2014-07-27');
    } finally {
      await legacy.server.close();
    }
  });

  it('creates a customer without a card', async () => {
    const response = await proxy.post({ email: 'nocard@example.com' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ default_card: null, cards: { total: 0 } });
  });

  it('returns the request id it was given', async () => {
    const response = await proxy.post({ email: 'id@example.com' }, { 'X-Request-Id': 'merchant-req-42' });
    expect(response.headers.get('x-request-id')).toBe('merchant-req-42');
    expect(proxy.logs.some((line) => line.includes('"request_id":"merchant-req-42"'))).toBe(true);
  });

  it('logs one line per request with status, latency and upstream latency', async () => {
    await proxy.post({ email: 'log@example.com' }, { 'X-Request-Id': 'log-line-1' });
    const line = JSON.parse(proxy.logs.find((l) => l.includes('"request_id":"log-line-1"')) ?? '{}');
    expect(line).toMatchObject({
      msg: 'request',
      req: { method: 'POST', path: '/api/customers' },
      res: { status: 201 },
    });
    expect(typeof line.latency_ms).toBe('number');
    expect(typeof line.upstream_ms).toBe('number');
  });
});

describe('bad input', () => {
  it('refuses invalid fields with a message per field and calls nobody', async () => {
    const response = await proxy.post({ email: 'nope', card: 'card_test_123', plan: 'pro' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      object: 'error',
      code: 'validation_error',
      message: 'Some fields are not valid.',
      request_id: expect.any(String),
      fields: [
        { field: 'email', message: 'Enter a valid email address, like name@example.com.' },
        { field: 'card', message: 'Card must be a token id from Omise.js (tokn_…), never card details.' },
        {
          field: '(body)',
          message: 'Remove the fields this API does not take: send only email, description and card.',
        },
      ],
    });
    expect(await upstreamRequests(sandbox)).toEqual([]);
  });

  it('refuses malformed JSON', async () => {
    const response = await proxy.post('{"email": ');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_error', message: 'The request body is not valid JSON.' });
  });

  it('refuses a card number anywhere in the body, without logging it', async () => {
    const response = await proxy.post({ email: 'a@example.com', description: 'my card 4242 4242 4242 4242' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'card_data_rejected' });
    const asCard = await proxy.post({ card: '4242424242424242' });
    expect(asCard.body).toMatchObject({ code: 'card_data_rejected' });
    expect(await upstreamRequests(sandbox)).toEqual([]);
  });

  it('refuses a body over 16 KB', async () => {
    const response = await proxy.post({ description: 'x'.repeat(17 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'payload_too_large' });
  });

  it('refuses anything but JSON', async () => {
    const response = await fetch(`${proxy.url}/api/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.com',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('refuses __proto__ and constructor payloads with no effect', async () => {
    for (const body of [
      '{"__proto__": {"polluted": true}, "email": "a@example.com"}',
      '{"constructor": {"prototype": {"polluted": true}}}',
    ]) {
      const response = await proxy.post(body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_error' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await upstreamRequests(sandbox)).toEqual([]);
  });

  it('refuses an over-long Idempotency-Key', async () => {
    const response = await proxy.post({ email: 'a@example.com' }, { 'Idempotency-Key': 'k'.repeat(256) });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([
      { field: 'Idempotency-Key', message: 'Use 1 to 255 visible ASCII characters, e.g. a UUID.' },
    ]);
  });

  it('answers an unknown API route with JSON, not HTML', async () => {
    const response = await fetch(`${proxy.url}/api/nothing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({
      code: 'not_found',
      message: 'The API has no such endpoint: it answers POST /api/customers and GET /api/config.',
    });
  });
});

describe("Omise's answers", () => {
  it('keeps used_token and its message when a token is used twice', async () => {
    const card = await tokenize(sandbox);
    expect((await proxy.post({ email: 'first@example.com', card })).status).toBe(201);
    const second = await proxy.post({ email: 'second@example.com', card });
    expect(second.status).toBe(400);
    expect(second.body).toMatchObject({ code: 'used_token', message: 'token was already used' });
  });

  it('keeps not_found for a token Omise does not know', async () => {
    const response = await proxy.post({ card: 'tokn_test_0000000000000000000' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      code: 'not_found',
      message: 'token tokn_test_0000000000000000000 was not found',
    });
  });

  it('keeps invalid_card and bad_request messages', async () => {
    await control(sandbox, 'faults', {
      body: {
        kind: 'status',
        path: '/customers',
        status: 400,
        code: 'invalid_card',
        message: 'brand not supported (unknown)',
      },
    });
    const invalid = await proxy.post({ email: 'a@example.com' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'invalid_card', message: 'brand not supported (unknown)' });

    await control(sandbox, 'faults', {
      body: {
        kind: 'status',
        path: '/customers',
        status: 400,
        code: 'bad_request',
        message: 'email is in invalid format',
      },
    });
    const bad = await proxy.post({ email: 'a@example.com' });
    expect(bad.body).toMatchObject({ code: 'bad_request', message: 'email is in invalid format' });
  });

  it('turns a refused secret key into upstream_auth_failed and tells the operator, without the key', async () => {
    const strict = await startSandbox({ apiPort: 0, vaultPort: 0, secretKeys: ['skey_test_theonlyacceptedkey00'] });
    const refusedKey = 'skey_test_notacceptedkey0000000';
    const wrong = await startProxy(configFor(strict, { OMISE_SECRET_KEY: refusedKey }));
    try {
      const response = await wrong.post({ email: 'a@example.com' });
      expect(response.status).toBe(502);
      expect(response.body).toMatchObject({
        code: 'upstream_auth_failed',
        message: 'The signup service is misconfigured. Please try again later.',
      });
      const loud = wrong.logs.find((line) => line.includes('OPERATOR ACTION NEEDED'));
      expect(loud).toContain('"level":50');
      expect(wrong.logs.join('')).not.toContain(refusedKey);
    } finally {
      await wrong.server.close();
      await strict.close();
    }
  });

  it.each([
    ['a 500', { kind: 'status', status: 500 }, 502, 'upstream_unavailable'],
    ['a 503', { kind: 'status', status: 503 }, 502, 'upstream_unavailable'],
    ['a 429 from Omise', { kind: 'status', status: 429 }, 503, 'upstream_busy'],
    ['a reset connection', { kind: 'reset' }, 502, 'upstream_unavailable'],
    ['a body that is not JSON', { kind: 'malformed' }, 502, 'upstream_unavailable'],
  ])('answers %s with %i %s', async (_name, fault, status, code) => {
    await control(sandbox, 'faults', { body: { ...fault, path: '/customers' } });
    const response = await proxy.post({ email: 'fault@example.com' });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ object: 'error', code });
    expect(JSON.stringify(response.body)).not.toMatch(/internal server error|too many requests/i);
  });

  it('answers a hung upstream with upstream_timeout', async () => {
    const quick = await startProxy(configFor(sandbox, { UPSTREAM_TIMEOUT_MS: '300' }));
    try {
      await control(sandbox, 'faults', { body: { kind: 'hang', path: '/customers' } });
      const response = await quick.post({ email: 'slow@example.com' });
      expect(response.status).toBe(504);
      expect(response.body).toMatchObject({ code: 'upstream_timeout' });
    } finally {
      await quick.server.close();
    }
  });

  it('retries a create the upstream refused to connect for, then says unavailable', async () => {
    const closed = await startSandbox({ apiPort: 0, vaultPort: 0 });
    const config = configFor(closed);
    await closed.close();
    const nowhere = await startProxy(config);
    try {
      const response = await nowhere.post({ email: 'a@example.com' });
      expect(response.status).toBe(502);
      expect(response.body).toMatchObject({ code: 'upstream_unavailable' });
      expect(nowhere.logs.filter((line) => line.includes('retrying'))).toHaveLength(2);
    } finally {
      await nowhere.server.close();
    }
  });

  it('turns an upstream answer that fails the schema into upstream_unavailable and a log line', async () => {
    await control(sandbox, 'faults', { body: { kind: 'malformed', path: '/customers' } });
    const response = await proxy.post({ email: 'a@example.com' }, { 'X-Request-Id': 'schema-1' });
    expect(response.status).toBe(502);
    expect(proxy.logs.some((l) => l.includes('schema-1') && l.includes('body that is not JSON'))).toBe(true);
  });
});

describe('idempotency', () => {
  it('replays the first answer to a repeat with the same key and body', async () => {
    const card = await tokenize(sandbox);
    const headers = { 'Idempotency-Key': key() };
    const first = await proxy.post({ email: 'once@example.com', card }, headers);
    const again = await proxy.post({ card, email: 'once@example.com' }, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await upstreamRequests(sandbox)).toHaveLength(1);
  });

  it('replays a final error too', async () => {
    const headers = { 'Idempotency-Key': key() };
    const first = await proxy.post({ card: 'tokn_test_0000000000000000000' }, headers);
    const again = await proxy.post({ card: 'tokn_test_0000000000000000000' }, headers);
    expect(again.status).toBe(404);
    expect(again.body).toEqual(first.body);
    expect(await upstreamRequests(sandbox)).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const headers = { 'Idempotency-Key': key() };
    await proxy.post({ email: 'a@example.com' }, headers);
    const response = await proxy.post({ email: 'b@example.com' }, headers);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'idempotency_conflict' });
  });

  it('lets a retry run again after a failure that may be retried', async () => {
    const headers = { 'Idempotency-Key': key() };
    await control(sandbox, 'faults', { body: { kind: 'status', status: 503, path: '/customers' } });
    expect((await proxy.post({ email: 'retry@example.com' }, headers)).status).toBe(502);
    const retry = await proxy.post({ email: 'retry@example.com' }, headers);
    expect(retry.status).toBe(201);
  });

  it('creates one customer for 20 parallel requests with one key, and all get its id', async () => {
    const card = await tokenize(sandbox);
    const headers = { 'Idempotency-Key': key() };
    await control(sandbox, 'faults', { body: { kind: 'latency', ms: 150, path: '/customers' } });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => proxy.post({ email: 'parallel@example.com', card }, headers)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect((await sandboxCustomers(sandbox)).filter((c) => c.email === 'parallel@example.com')).toHaveLength(1);
  });

  it('answers request_in_progress when the first request outlasts the wait', async () => {
    const omise = createOmiseClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.apiUrl });
    const router = createCustomersRouter({
      omise,
      idempotencyStore: new MemoryIdempotencyStore(),
      inFlightWaitMs: 100,
      limits: { ipPerMinute: 0, emailPerHour: 0 },
    });
    const app = express().use('/api', router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      await control(sandbox, 'faults', { body: { kind: 'latency', ms: 600, path: '/customers' } });
      const send = () =>
        fetch(`http://127.0.0.1:${port}/api/customers`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'slow-key' },
          body: JSON.stringify({ email: 'slow@example.com' }),
        });
      const first = send();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await send();
      expect(second.status).toBe(409);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(await second.json()).toMatchObject({ code: 'request_in_progress' });
      expect((await first).status).toBe(201);
    } finally {
      server.close();
      await router.close();
      omise.close();
    }
  });

  it('finds the customer an attempt created when its answer was lost, instead of creating another', async () => {
    const card = await tokenize(sandbox);
    const headers = { 'Idempotency-Key': key() };
    await control(sandbox, 'faults', { body: { kind: 'reset', when: 'after', path: '/customers' } });
    const lost = await proxy.post({ email: 'lost@example.com', card }, headers);
    expect(lost.status).toBe(502);
    const retry = await proxy.post({ email: 'lost@example.com', card }, headers);
    expect(retry.status).toBe(201);
    const customers = (await sandboxCustomers(sandbox)).filter((c) => c.email === 'lost@example.com');
    expect(customers).toHaveLength(1);
    expect(retry.body.id).toBe(customers[0]?.id);
  });
});

describe('security', () => {
  it('refuses a cross-origin call from an origin not allowed', async () => {
    const response = await proxy.post({ email: 'a@example.com' }, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      code: 'forbidden_origin',
      message: "Requests from this page's origin are not allowed. Add the origin to ALLOWED_ORIGINS on the server.",
    });
    expect(await upstreamRequests(sandbox)).toEqual([]);
  });

  it('allows same origin and allowlisted origins, with a preflight', async () => {
    const same = await proxy.post({ email: 'same@example.com' }, { Origin: proxy.url });
    expect(same.status).toBe(201);
    const open = await startProxy(configFor(sandbox, { ALLOWED_ORIGINS: 'https://shop.example.com' }));
    try {
      const preflight = await fetch(`${open.url}/api/customers`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://shop.example.com',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,idempotency-key',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
      const allowed = await open.post({ email: 'cors@example.com' }, { Origin: 'https://shop.example.com' });
      expect(allowed.status).toBe(201);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    } finally {
      await open.server.close();
    }
  });

  it('limits creates per IP and says when to retry', async () => {
    const limited = await startProxy(configFor(sandbox, { RATE_LIMIT_IP_PER_MIN: '2' }));
    try {
      expect((await limited.post({ email: 'r1@example.com' })).status).toBe(201);
      expect((await limited.post({ email: 'r2@example.com' })).status).toBe(201);
      const third = await limited.post({ email: 'r3@example.com' });
      expect(third.status).toBe(429);
      expect(third.body).toMatchObject({ code: 'rate_limited' });
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    } finally {
      await limited.server.close();
    }
  });

  it('limits creates per email address, whatever its case', async () => {
    const limited = await startProxy(configFor(sandbox, { RATE_LIMIT_EMAIL_PER_HOUR: '1' }));
    try {
      expect((await limited.post({ email: 'same@example.com' })).status).toBe(201);
      const again = await limited.post({ email: 'SAME@example.com' });
      expect(again.status).toBe(429);
      expect(again.body.message).toMatch(/^Too many sign-up attempts for this email address/);
      expect((await limited.post({ email: 'other@example.com' })).status).toBe(201);
    } finally {
      await limited.server.close();
    }
  });

  it('answers a replay before the email limit and the verify hook, which count signup attempts', async () => {
    let verified = 0;
    const limited = await startProxy(configFor(sandbox, { RATE_LIMIT_EMAIL_PER_HOUR: '1' }), {
      // Like a CAPTCHA token: it passes once.
      hooks: {
        verify: () => {
          verified += 1;
          return verified === 1;
        },
      },
    });
    try {
      const headers = { 'Idempotency-Key': key() };
      const first = await limited.post({ email: 'replayed@example.com' }, headers);
      expect(first.status).toBe(201);
      const again = await limited.post({ email: 'replayed@example.com' }, headers);
      expect(again).toMatchObject({ status: 201, body: { id: first.body.id } });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(verified).toBe(1);
    } finally {
      await limited.server.close();
    }
  });

  it('sets security headers', async () => {
    const response = await fetch(`${proxy.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain(
      `script-src 'self' ${new URL(sandbox.omiseJsUrl).origin}`,
    );
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('service endpoints', () => {
  it('hands the widget its public configuration, and never the secret key', async () => {
    const response = await fetch(`${proxy.url}/api/config`);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      publicKey: sandbox.publicKey,
      vaultUrl: sandbox.vaultUrl,
      omiseJsUrl: sandbox.omiseJsUrl,
      livemode: false,
    });
    expect(text).not.toContain(sandbox.secretKey);
  });

  it('reports health, readiness and metrics', async () => {
    expect(await (await fetch(`${proxy.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${proxy.url}/readyz?upstream`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { config: 'ok', store: 'ok', upstream: 'ok' } });
    await proxy.post({ email: 'metrics@example.com' });
    const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(metrics).toMatch(
      /omise_signup_http_requests_total\{route="\/api\/customers",method="POST",status="201"\} \d+/,
    );
    expect(metrics).toMatch(/omise_signup_upstream_requests_total\{operation="customers.create",outcome="ok"\} \d+/);
  });

  it('is not ready when the idempotency store is down', async () => {
    const down = await startProxy(configFor(sandbox), {
      ready: async () => {
        throw new Error('redis unreachable');
      },
    });
    try {
      const response = await fetch(`${down.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'not_ready',
        checks: { config: 'ok', store: 'unreachable' },
      });
    } finally {
      await down.server.close();
    }
  });
});

describe('merchant hooks', () => {
  it('lets server-side fields override the browser and observes the created customer', async () => {
    const created: string[] = [];
    const hooked = await startProxy(configFor(sandbox), {
      hooks: {
        customerFields: (req) => ({ description: 'set by server', metadata: { user_id: req.get('X-User') ?? 'none' } }),
        onCreated: (customer) => {
          created.push(customer.id);
        },
      },
    });
    try {
      const response = await hooked.post(
        { email: 'hook@example.com', description: 'from browser' },
        { 'X-User': 'u-7' },
      );
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ description: 'set by server', metadata: { user_id: 'u-7' } });
      expect(created).toEqual([response.body.id]);
      expect((await upstreamRequests(sandbox))[0]?.body).toMatchObject({
        description: 'set by server',
        metadata: { user_id: 'u-7' },
      });
    } finally {
      await hooked.server.close();
    }
  });

  it('refuses with unauthorized and verification_failed when the hooks say no', async () => {
    const closed = await startProxy(configFor(sandbox), { hooks: { authorize: () => false } });
    const unverified = await startProxy(configFor(sandbox), { hooks: { verify: async () => false } });
    try {
      expect((await closed.post({ email: 'a@example.com' })).body).toMatchObject({ code: 'unauthorized' });
      const refused = await unverified.post({ email: 'a@example.com' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'verification_failed' });
      expect(await upstreamRequests(sandbox)).toEqual([]);
    } finally {
      await closed.server.close();
      await unverified.server.close();
    }
  });

  it('answers internal_error without a stack when a hook throws', async () => {
    const broken = await startProxy(configFor(sandbox), {
      hooks: {
        customerFields: () => {
          throw new Error('database down at /srv/app/db.js:12');
        },
      },
    });
    try {
      const response = await broken.post({ email: 'a@example.com' });
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        object: 'error',
        code: 'internal_error',
        message: 'Something went wrong on our side. Try again.',
        request_id: expect.any(String),
      });
    } finally {
      await broken.server.close();
    }
  });
});

describe('shutdown', () => {
  it('finishes in-flight requests and then stops accepting', async () => {
    const stopping = await startProxy(configFor(sandbox));
    await control(sandbox, 'faults', { body: { kind: 'latency', ms: 300, path: '/customers' } });
    const inFlight = stopping.post({ email: 'inflight@example.com' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = stopping.server.close();
    expect((await inFlight).status).toBe(201);
    await closed;
    await expect(fetch(`${stopping.url}/healthz`)).rejects.toThrow();
  });
});

afterEach(() => {
  // Nothing the proxy answered or logged may hold the secret key or a card number.
  const said = transcript.join('\n');
  expect(said).not.toContain(sandbox.secretKey);
  expect(said).not.toContain(VISA.number);
  expect(said).not.toMatch(/4242 4242 4242 4242/);
});

describe('behind a load balancer', () => {
  it('treats an https page on the same host as same origin, without TRUST_PROXY', async () => {
    const host = new URL(proxy.url).host;
    const response = await proxy.post({ email: 'tls@example.com' }, { Origin: `https://${host}` });
    expect(response.status).toBe(201);
  });

  it('treats a body that ends early as a client problem, without an error log', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${proxy.url}/api/customers`);
    await new Promise<void>((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': '100', 'X-Request-Id': 'aborted-1' },
      });
      req.on('error', () => resolve());
      req.write('{"email":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = proxy.logs.filter((line) => line.includes('aborted-1'));
    expect(lines.some((line) => line.includes('"level":50'))).toBe(false);
  });
});
