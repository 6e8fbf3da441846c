import { containsCardNumber } from '@omise-signup/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardNumber, hiddenCard, written } from '../../shared/src/test-support/card-text.ts';
import {
  configFor,
  control,
  type Sandbox,
  startProxy,
  startSandbox,
  type TestProxy,
  tokenize,
  upstreamRequests,
} from './test-support/harness.ts';

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

const KNOWN_CARDS = /4242424242424242|4111 1111 1111 1111|5555-5555-5555-4444|378282246310005/;
// Card numbers as people and attackers write them: any digit script, any separators, next to
// letters or dashes. The digits of those in the current run are kept, to look for them in what
// comes back whatever the finder thinks (fast-check makes each run's values just before it runs).
const planted = new Set<string>();
const plant = (digits: string) => {
  planted.add(digits);
  return digits;
};
const cardLike = fc.oneof(
  fc.constantFrom('4242424242424242', '4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005'),
  hiddenCard.map(({ digits, text }) => {
    plant(digits);
    return text;
  }),
);
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), cardLike);
// A token of Omise's shape, one that is too long, and ones that carry a card number.
const card = fc.oneof(
  fc.constant('tokn_test_0000000000000000000'),
  fc.stringMatching(/^tokn_test_[0-9a-z]{19}$/),
  fc.stringMatching(/^tokn_test_[0-9a-z]{20,30}$/),
  cardNumber.map((digits) => `tokn_test_${plant(digits)}${'abc'.slice(0, Math.max(0, 19 - digits.length))}`),
  cardNumber.map((digits) => `tokn_test_${plant(digits)}abcd`),
);
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
      card: fc.oneof(card, json),
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
        expect(answer).not.toMatch(KNOWN_CARDS);
        expect(containsCardNumber(parsed)).toBe(false);
        for (const digits of planted) expect(answer).not.toContain(digits);
        planted.clear();
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
    expect(logs).not.toMatch(KNOWN_CARDS);
    expect(proxy.logs.filter((line) => containsCardNumber(JSON.parse(line)))).toEqual([]);
  }, 240_000);
});

/** A JSON value with `text` somewhere inside it: a field, a key, nested in objects and arrays. */
const holding = (text: string) =>
  fc.oneof(
    fc.constantFrom({ description: text }, { email: text }, { email: `${text}@example.com` }, { card: text }),
    fc.constant({ metadata: { note: [text] } }),
    fc.constant({ [text]: 'x' }),
    fc.constant([{ description: text }]),
  );

describe('card numbers however written, at the HTTP edge', () => {
  it('refuses a card number in any script, with any separators, next to letters or dashes, anywhere in the body', async () => {
    await control(sandbox, 'requests', { method: 'DELETE' });
    await fc.assert(
      fc.asyncProperty(
        hiddenCard.chain(({ digits, text }) => holding(text).map((body) => ({ digits, text, body }))),
        async ({ digits, text, body }) => {
          const before = proxy.logs.length;
          const response = await proxy.post(body);
          expect(response.status).toBe(400);
          expect(response.body).toMatchObject({ object: 'error', code: 'card_data_rejected' });
          const said = JSON.stringify(response.body) + proxy.logs.slice(before).join('');
          expect(said).not.toContain(digits);
          expect(said).not.toContain(JSON.stringify(text).slice(1, -1));
        },
      ),
      { numRuns: 300, seed: 13 },
    );
    // Nothing of it went upstream.
    expect(await upstreamRequests(sandbox)).toEqual([]);
  }, 120_000);

  // Header values are visible ASCII: the separators and adjacency that fit there.
  const headerCard = cardNumber.chain((digits) =>
    fc
      .tuple(written(digits), fc.constantFrom('', 'key-', 'card', 'x_', 'ref-'))
      .filter(([shown]) => /^[\x21-\x7e]+$/.test(shown))
      .map(([shown, head]) => ({ digits, value: head + shown })),
  );

  it('never logs a card number sent in a header, here or upstream', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerCard,
        fc.constantFrom('Idempotency-Key', 'X-Request-Id', 'X-Card'),
        async ({ digits, value }, name) => {
          const before = proxy.logs.length;
          await control(sandbox, 'requests', { method: 'DELETE' });
          const response = await proxy.post({ email: 'header-fuzz@example.com' }, { [name]: value });
          expect([201, 400]).toContain(response.status);
          expect(proxy.logs.slice(before).join('')).not.toContain(digits);
          expect(JSON.stringify(await upstreamRequests(sandbox))).not.toContain(digits);
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  }, 120_000);

  // The router forwards Idempotency-Key to Omise as metadata.idempotency_key and echoes a client's
  // X-Request-Id: checking them is issue 13's second part, on top of the rewritten router.
  it.skip('refuses a card number in a header it forwards or echoes, and answers none of it', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerCard,
        fc.constantFrom('Idempotency-Key', 'X-Request-Id'),
        async ({ digits, value }, name) => {
          const response = await proxy.post({ email: 'header-fuzz@example.com' }, { [name]: value });
          expect(response.status).toBe(400);
          expect(JSON.stringify(response.body) + JSON.stringify([...response.headers])).not.toContain(digits);
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });
});
