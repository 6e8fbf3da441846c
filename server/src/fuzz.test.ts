import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { containsCardNumber, findCardNumber } from '@omise-signup/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardNumber, hiddenCard, omiseId, written } from '../../shared/src/test-support/card-text.ts';
import { isSafeRequestId } from './request-scope.ts';
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
// JSON half the time, so that half the requests reach the checks behind the media type.
const contentType = fc.oneof(
  { weight: 2, arbitrary: fc.constant('application/json') },
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
const idempotencyKey = fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 }), cardLike), { nil: undefined });
// The other headers the proxy reads: the request id it answers with, the origin it checks (and
// may echo), the encoding it refuses.
const requestId = fc.option(
  fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), fc.string({ maxLength: 80 }), cardLike),
  { nil: undefined },
);
// Mostly none, as from a same-origin page, so that most requests reach the router. `same` stands
// for the proxy's own origin, known once it listens.
const origin = fc.oneof(
  { weight: 15, arbitrary: fc.constant(undefined) },
  fc.constantFrom('same', 'https://evil.example', 'null', 'https://4242424242424242.example'),
  fc.webUrl().map((url) => new URL(url).origin),
  cardLike.map((text) => `https://${text}.example`),
);
const contentEncoding = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  fc.constantFrom('identity', 'gzip', 'deflate', 'br', 'x-foo', 'gzip, gzip', ''),
);
/** Header values fetch can send: visible ASCII, spaces and tabs. */
const sendable = (value: string | undefined): value is string => value !== undefined && /^[\t\x20-\x7e]*$/.test(value);

/** Strings of a request that an error answer must not repeat: every string in the body (keys too), and headers. */
function clientStrings(raw: string, headers: Record<string, string>, keptCode: boolean): string[] {
  const strings: string[] = [];
  const walk = (value: unknown, key?: string) => {
    // Omise's kept messages name the token it refused (`token tokn_… was not found`).
    if (typeof value === 'string' && !(keptCode && key === 'card')) strings.push(value);
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) {
        // Our contract's names may come back as field names; no other key.
        if (!CONTRACT_FIELDS.has(name)) strings.push(name);
        walk(item, name);
      }
    }
  };
  try {
    walk(JSON.parse(raw));
  } catch {
    strings.push(raw);
  }
  if (headers['Idempotency-Key'] !== undefined) strings.push(headers['Idempotency-Key']);
  // The proxy's own origin is echoed in Access-Control-Allow-Origin, as CORS asks; no other.
  if (headers.Origin !== undefined && headers.Origin !== new URL(proxy.url).origin) strings.push(headers.Origin);
  // A safe request id is answered as it came, on purpose; an unsafe one never.
  const id = headers['X-Request-Id'];
  const keptId = id !== undefined && isSafeRequestId(id) ? id : undefined;
  if (id !== undefined && keptId === undefined) strings.push(id);
  // Short strings may be our own words by chance ("email"); these are long enough to be the client's.
  return strings.filter((text) => text.length >= 8 && text !== keptId);
}

const CONTRACT_FIELDS = new Set(['email', 'description', 'card']);
const KEPT_CODES = new Set(['bad_request', 'invalid_card', 'used_token', 'not_found']);

describe('fuzzing POST /api/customers', () => {
  it(`answers ${RUNS} generated requests with documented codes and leaks nothing`, async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        fc.record({ type: contentType, key: idempotencyKey, id: requestId, origin, encoding: contentEncoding }),
        fc.boolean(),
        async (raw, sent, compress) => {
          const headers: Record<string, string> = {};
          if (sent.type && sendable(sent.type)) headers['Content-Type'] = sent.type;
          if (sendable(sent.key)) headers['Idempotency-Key'] = sent.key;
          if (sendable(sent.id)) headers['X-Request-Id'] = sent.id;
          const from = sent.origin === 'same' ? new URL(proxy.url).origin : sent.origin;
          if (sendable(from)) headers.Origin = from;
          if (sent.encoding !== undefined) headers['Content-Encoding'] = sent.encoding;
          const body = compress && sent.encoding === 'gzip' ? gzipSync(raw) : raw;
          const response = await fetch(`${proxy.url}/api/customers`, { method: 'POST', headers, body });
          const answer = await response.text();
          const parsed = JSON.parse(answer) as { object?: string; code?: string; id?: string; request_id?: string };
          const code = parsed.code ?? (response.status === 201 ? 'created' : 'none');
          seen.set(code, (seen.get(code) ?? 0) + 1);
          if (response.status >= 500) expect(ALLOWED_5XX).toContain(code);
          if (response.status === 201) expect(parsed.id).toMatch(/^cust_test_/);
          else {
            expect(parsed.object).toBe('error');
            // Our own words only: nothing the client sent comes back in an error answer.
            const everything = answer + JSON.stringify([...response.headers]);
            for (const text of clientStrings(raw, headers, KEPT_CODES.has(code))) {
              expect(everything).not.toContain(JSON.stringify(text).slice(1, -1));
            }
          }
          const id = response.headers.get('x-request-id') ?? '';
          expect(isSafeRequestId(id)).toBe(true);
          if (parsed.request_id !== undefined) expect(parsed.request_id).toBe(id);
          expect(answer).not.toContain(sandbox.secretKey);
          expect(answer).not.toMatch(KNOWN_CARDS);
          expect(containsCardNumber(parsed)).toBe(false);
          expect(findCardNumber(JSON.stringify([...response.headers]))).toBeNull();
          for (const digits of planted) expect(answer).not.toContain(digits);
          planted.clear();
        },
      ),
      { numRuns: RUNS, seed: 20261125 },
    );
    // The generators reached the code paths they were meant to.
    expect(seen.get('validation_error')).toBeGreaterThan(100);
    expect(seen.get('unsupported_media_type')).toBeGreaterThan(100);
    expect(seen.get('card_data_rejected')).toBeGreaterThan(10);
    expect(seen.get('forbidden_origin')).toBeGreaterThan(100);
    expect(seen.get('created')).toBeGreaterThan(10);
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

  // The router forwards Idempotency-Key to Omise (metadata.idempotency_key), answers with the
  // request id and checks the origin: a card number in the first is refused, in the others never
  // repeated.
  it('refuses a card number in a header it forwards, replaces one it would echo, and answers none of it', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerCard,
        fc.constantFrom('Idempotency-Key', 'X-Request-Id', 'Origin'),
        async ({ digits, value }, name) => {
          await control(sandbox, 'requests', { method: 'DELETE' });
          const before = proxy.logs.length;
          const sent = name === 'Origin' ? `https://${value}.example` : value;
          const response = await proxy.post({ email: 'header-fuzz@example.com' }, { [name]: sent });
          const answered = JSON.stringify(response.body) + JSON.stringify([...response.headers]);
          expect(answered).not.toContain(digits);
          expect(answered).not.toContain(value);
          expect(findCardNumber(answered)).toBeNull();
          expect(proxy.logs.slice(before).join('')).not.toContain(digits);
          if (name === 'Idempotency-Key') {
            expect(response.status).toBe(400);
            expect(response.body.code).toBe('card_data_rejected');
            expect(await upstreamRequests(sandbox)).toEqual([]);
          } else if (name === 'X-Request-Id') {
            expect(response.status).toBe(201);
            expect(response.body.metadata).toEqual({});
            expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
          } else {
            expect(response.status).toBe(403);
            expect(response.body.code).toBe('forbidden_origin');
          }
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  }, 120_000);
});

// Omise's own error bodies, as an upstream might send them: a message holding our secret key, a
// card number, markup, control characters, or just words.
const PLAIN_MESSAGES = ['token was already used', 'brand not supported (unknown)', 'email is in invalid format'];
const upstreamMessage = fc.oneof(
  fc.constantFrom(...PLAIN_MESSAGES),
  hiddenCard.map(({ digits, text }) => `number ${plant(digits)} or ${text} is invalid`),
  fc
    .constantFrom('skey', 'pkey', 'ckey')
    .chain((prefix) =>
      fc
        .tuple(fc.boolean(), fc.stringMatching(/^[0-9a-z]{19}$/))
        .map(([test, rest]) => `${prefix}_${test ? 'test_' : ''}${rest}`),
    ),
  fc.constant('SECRET').map(() => `key ${sandbox.secretKey} refused`),
  omiseId.map((id) => `token ${id} was not found`),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ minLength: 201, maxLength: 400 }),
  fc.constantFrom('<script>alert(1)</script>', 'line\r\nSet-Cookie: a=b', 'nul\u0000here', 'zero\u200bwidth'),
);
// Omise's names for two of the kept codes (omise-client.ts).
const SYNONYMS: Record<string, string> = { invalid_card_token: 'invalid_card', missing_card: 'bad_request' };
const PLAIN = /^[\p{L}\p{N} .,:;'"()_/#&+?!%-]{1,200}$/u;

describe('hostile answers from Omise', () => {
  it('never pass a key, a card number or anything but plain words on to the browser', async () => {
    const outcomes = { passedOn: 0, ourWords: 0, notKept: 0 };
    await fc.assert(
      fc.asyncProperty(
        upstreamMessage,
        fc.constantFrom(
          'bad_request',
          'invalid_card',
          'used_token',
          'not_found',
          'invalid_card_token',
          'missing_card',
          'service_unavailable',
          'who_knows',
        ),
        fc.constantFrom(400, 404, 422, 500, 503),
        async (message, code, status) => {
          await control(sandbox, 'faults', {
            body: {
              kind: 'reply',
              path: '/customers',
              status,
              body: { object: 'error', location: 'https://docs.omise.co/api/errors', code, message },
            },
          });
          const response = await proxy.post({ email: 'upstream-fuzz@example.com' });
          const answered = JSON.stringify(response.body);
          expect(response.body.object).toBe('error');
          expect(answered).not.toContain(sandbox.secretKey);
          expect(answered).not.toMatch(/[spc]key_/i);
          expect(findCardNumber(answered)).toBeNull();
          for (const digits of planted) expect(answered).not.toContain(digits);
          planted.clear();
          // Omise's words come through only for the codes that keep them, and only plain and clean.
          if (response.body.message === message.normalize('NFKC')) {
            expect(KEPT_CODES).toContain(response.body.code);
            expect(status).toBeLessThan(500);
            expect(message.normalize('NFKC')).toMatch(PLAIN);
          }
          if (!KEPT_CODES.has(response.body.code)) outcomes.notKept++;
          else if (response.body.message === message.normalize('NFKC')) outcomes.passedOn++;
          else outcomes.ourWords++;
          // And they do come through for those codes, plain and clean.
          if (PLAIN_MESSAGES.includes(message) && status < 500 && (KEPT_CODES.has(code) || code in SYNONYMS)) {
            expect(response.body).toMatchObject({ code: SYNONYMS[code] ?? code, message });
          }
        },
      ),
      { numRuns: 300, seed: 13 },
    );
    expect(outcomes.passedOn).toBeGreaterThan(10);
    expect(outcomes.ourWords).toBeGreaterThan(50);
    expect(outcomes.notKept).toBeGreaterThan(50);
    expect(proxy.logs.join('')).not.toContain(sandbox.secretKey);
  }, 120_000);
});

/** A request with its path exactly as given (fetch would normalise it). */
function rawGet(method: string, path: string): Promise<{ status: number; text: string; headers: string }> {
  const { hostname, port } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: JSON.stringify(res.headers) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hostile paths', () => {
  it('are answered 404 in our words, never repeating the path', async () => {
    const segment = fc.oneof(
      hiddenCard.map(({ digits, text }) => {
        plant(digits);
        return encodeURIComponent(text);
      }),
      cardNumber.map(plant),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
      fc.constantFrom(
        '%3Cscript%3E',
        '..%2F..%2Fetc%2Fpasswd',
        '%00',
        '%E0%A4%A',
        'customers%2F..',
        '.env',
        '__proto__',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.constantFrom('/api/', '/', '/api/customers/', '/api/config/'),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        async (method, base, segments) => {
          const marker = 'zq7path';
          const answer = await rawGet(method, `${base}${marker}${segments.join('/')}?${marker}=${segments[0]}`);
          expect(answer.status).toBe(404);
          expect(JSON.parse(answer.text)).toMatchObject({ object: 'error', code: 'not_found' });
          expect(answer.text + answer.headers).not.toContain(marker);
          for (const digits of planted) expect(answer.text + answer.headers).not.toContain(digits);
          planted.clear();
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  }, 120_000);
});
