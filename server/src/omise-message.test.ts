import { findCardNumber } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import { inScript, SCRIPTS } from '../../shared/src/test-support/card-text.ts';
import { shownMessage } from './omise-message.ts';
import { captureLogs, control, useProxy, useSandbox } from './test-support/harness.ts';

const world = useSandbox();
const running = useProxy(world);

const OUR_WORDS = {
  bad_request: 'The payment service could not accept these details. Check them and try again.',
  invalid_card: 'The card was refused. Check its details or use another card.',
  used_token: 'This card token was already used. Enter the card again.',
  not_found: 'The card token was not found. Enter the card again.',
} as const;

const HOSTILE: Array<[string, string]> = [
  ['a secret key', 'authentication with skey_test_5xs9k1lg8nq5bqk2v6a failed'],
  ['a live secret key after an underscore', 'key_skey_5xs9k1lg8nq5bqk2v6a is not allowed'],
  ['a public key', 'pkey_test_5xs9k1lg3y2pbmtkq5l cannot create customers'],
  ['a chain key', 'chain ckey_test_no1t4tnemucod0e51mo revoked'],
  ['a card number', 'number 4242424242424242 is invalid'],
  ['a grouped card number', 'card 4111-1111-1111-1111 was declined'],
  ['a card number in Thai digits', `number ${inScript('4242424242424242', SCRIPTS.thai)} is invalid`],
  ['a card number after a word', 'pan4242424242424242 rejected'],
  ['markup', '<img src=x onerror=alert(1)> is invalid'],
  ['a line break', 'number is invalid\nSet-Cookie: a=b'],
  ['a control character', 'number is\u0000 invalid'],
  ['an invisible character', 'number is\u200b invalid'],
  ['an over-long message', `number is invalid ${'and more '.repeat(30)}`],
  ['an empty message', ''],
];

describe('shownMessage', () => {
  it.each([
    ['token tokn_test_5xs9k1lg8nq5bqk2v6a was not found'],
    ['expiration date cannot be in the past, number is invalid, and brand not supported (unknown)'],
    ['token was already used'],
    ["name can't be blank"],
  ])('passes on a plain message: %j', (message) => {
    expect(shownMessage('invalid_card', message, { operation: 'customers.create', logger: undefined })).toBe(message);
  });

  it.each(HOSTILE)('gives our words instead of a message with %s, and logs it scrubbed', (_what, message) => {
    const { logger, lines } = captureLogs();
    for (const code of ['bad_request', 'invalid_card', 'used_token', 'not_found'] as const) {
      expect(shownMessage(code, message, { operation: 'customers.create', logger })).toBe(OUR_WORDS[code]);
    }
    const logged = lines.join('');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 40,
      operation: 'customers.create',
      code: 'bad_request',
      msg: "Omise's message was not passed on: it was not plain text, or held a key or a card number",
    });
    expect(logged).not.toMatch(/[spc]key_(test_)?[0-9a-z]{10}/);
    expect(findCardNumber(logged)).toBeNull();
  });
});

describe("Omise's error messages, through the proxy", () => {
  it.each(HOSTILE)('never reach the browser with %s', async (_what, message) => {
    await control(world.sandbox, 'faults', {
      body: {
        kind: 'reply',
        path: '/customers',
        status: 400,
        body: { object: 'error', code: 'invalid_card', message },
      },
    });
    const response = await running.proxy.post({ email: 'hostile@example.com' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      object: 'error',
      code: 'invalid_card',
      message: OUR_WORDS.invalid_card,
      request_id: expect.any(String),
    });
  });

  it('never pass on the secret key the proxy itself holds', async () => {
    const secret = world.sandbox.secretKey;
    for (const [status, code] of [
      [400, 'bad_request'],
      [400, 'used_token'],
      [404, 'not_found'],
      [400, 'invalid_card_token'],
      [422, 'invalid_parameter'],
      [500, 'internal_error'],
      [503, 'service_unavailable'],
    ] as const) {
      await control(world.sandbox, 'faults', {
        body: { kind: 'status', path: '/customers', status, code, message: `zyxwv ${secret} qwert` },
      });
      const response = await running.proxy.post({ email: 'secret@example.com' });
      expect(JSON.stringify(response.body)).not.toContain(secret);
      expect(JSON.stringify(response.body)).not.toMatch(/zyxwv|qwert/);
    }
    expect(running.proxy.logs.join('')).not.toContain(secret);
  });

  it('keep a plain message for the codes that keep one, and only those', async () => {
    await control(world.sandbox, 'faults', {
      body: {
        kind: 'status',
        path: '/customers',
        status: 400,
        code: 'invalid_card',
        message: 'brand not supported (unknown)',
      },
    });
    expect((await running.proxy.post({ email: 'plain@example.com' })).body).toMatchObject({
      code: 'invalid_card',
      message: 'brand not supported (unknown)',
    });
    await control(world.sandbox, 'faults', {
      body: {
        kind: 'status',
        path: '/customers',
        status: 503,
        code: 'service_unavailable',
        message: 'down for maintenance',
      },
    });
    expect((await running.proxy.post({ email: 'plain@example.com' })).body).toMatchObject({
      code: 'upstream_unavailable',
      message: 'The payment service is unavailable. Try again in a moment.',
    });
  });
});
