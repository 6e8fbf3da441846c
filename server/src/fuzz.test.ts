import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFor, type Sandbox, startProxy, startSandbox, type TestProxy, tokenize } from './test-support/harness.ts';

// Documented answers: the closed list's client errors, and the upstream's own 5xx codes.
const ALLOWED_5XX = new Set(['upstream_unavailable', 'upstream_timeout', 'upstream_auth_failed']);
const RUNS = 10_000;

let sandbox: Sandbox;
let proxy: TestProxy;
let validToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  proxy = await startProxy(configFor(sandbox, { LOG_LEVEL: 'warn' }));
  validToken = await tokenize(sandbox);
});
afterAll(async () => {
  await proxy?.server.close();
  await sandbox?.close();
});

const cardLike = fc.constantFrom('4242424242424242', '4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005');
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), cardLike);
const json = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);
const body = fc.oneof(
  fc.record(
    {
      email: fc.oneof(fc.emailAddress(), json),
      description: fc.oneof(fc.string({ maxLength: 300 }), json),
      card: fc.oneof(fc.constant('tokn_test_0000000000000000000'), fc.stringMatching(/^tokn_test_[0-9a-z]{19}$/), json),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'prototype')), json, { maxKeys: 4 }),
  json,
);
const rawBody = fc.oneof(
  body.map((value) => JSON.stringify(value) ?? ''),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('{', '[]', '{"email":', 'null', '"x"', '{"a":1}{"b":2}'),
);
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
  ),
  fc.string({ maxLength: 30 }),
);
const idempotencyKey = fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })), { nil: undefined });

describe('fuzzing POST /api/customers', () => {
  it(`answers ${RUNS} generated requests with documented codes and leaks nothing`, async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, idempotencyKey, async (raw, type, key) => {
        const headers: Record<string, string> = {};
        if (type && /^[\t\x20-\x7e]*$/.test(type)) headers['Content-Type'] = type;
        if (key !== undefined && /^[\t\x20-\x7e]*$/.test(key)) headers['Idempotency-Key'] = key;
        const response = await fetch(`${proxy.url}/api/customers`, { method: 'POST', headers, body: raw });
        const answer = await response.text();
        const parsed = JSON.parse(answer) as { object?: string; code?: string; id?: string };
        const code = parsed.code ?? (response.status === 201 ? 'created' : 'none');
        seen.set(code, (seen.get(code) ?? 0) + 1);
        if (response.status >= 500) expect(ALLOWED_5XX).toContain(code);
        if (response.status === 201) expect(parsed.id).toMatch(/^cust_test_/);
        else expect(parsed.object).toBe('error');
        expect(answer).not.toContain(sandbox.secretKey);
        expect(answer).not.toMatch(/4242424242424242|4111 1111 1111 1111|5555-5555-5555-4444|378282246310005/);
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
    // The generators reached the code paths they were meant to.
    expect(seen.get('validation_error')).toBeGreaterThan(100);
    expect(seen.get('unsupported_media_type')).toBeGreaterThan(100);
    expect(seen.get('card_data_rejected')).toBeGreaterThan(10);
    // And the proxy is still alive and creating customers.
    const after = await proxy.post({ email: 'after-fuzz@example.com', card: validToken });
    expect(after.status).toBe(201);
    const logs = proxy.logs.join('');
    expect(logs).not.toContain(sandbox.secretKey);
    expect(logs).not.toMatch(/4242424242424242|4111 1111 1111 1111|378282246310005/);
  }, 240_000);
});
