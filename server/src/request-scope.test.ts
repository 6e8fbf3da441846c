import { findCardNumber } from '@omise-signup/shared';
import express from 'express';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardNumber } from '../../shared/src/test-support/card-text.ts';
import { createCustomersRouter } from './customers-router/index.ts';
import { MemoryIdempotencyStore } from './idempotency.ts';
import { createOmiseClient } from './omise-client.ts';
import { isSafeRequestId } from './request-scope.ts';
import { captureLogs, useProxy, useSandbox } from './test-support/harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const world = useSandbox();
const running = useProxy(world);

describe('isSafeRequestId', () => {
  it.each([
    crypto.randomUUID(),
    '01J9ZQ3V5X8K2M4N6P8R0T2V4X',
    'c0ffee00c0ffee00c0ffee00c0ffee00',
    'merchant-req-42',
    'a_b-c_d-',
    'x'.repeat(64),
  ])('keeps %j', (id) => {
    expect(isSafeRequestId(id)).toBe(true);
  });

  it.each([
    ['abc', 'too short'],
    ['x'.repeat(65), 'too long'],
    ['req.1234', 'a dot'],
    ['req:1234', 'a colon'],
    ['req 1234', 'a space'],
    ['<script>alert(1)</script>', 'markup'],
    ['ไอดีคำขอยาว', 'letters outside ASCII'],
    ['4242424242424242', 'a card number'],
    ['req-4242424242424242', 'a card number after a dash'],
    ['ref_4242_4242_4242_4242', 'a card number in groups'],
  ])('replaces %j (%s)', (id) => {
    expect(isSafeRequestId(id)).toBe(false);
  });

  it('never keeps a card number, however it is written in the characters a safe id allows', () => {
    fc.assert(
      fc.property(
        cardNumber.chain((digits) =>
          fc
            .array(fc.constantFrom('', '', '', '-', '_', '--'), { minLength: digits.length, maxLength: digits.length })
            .map((separators) => Array.from(digits, (digit, i) => digit + separators[i]).join('')),
        ),
        fc.constantFrom('', 'req-', 'id_', 'x'),
        (card, head) => {
          expect(isSafeRequestId(head + card)).toBe(false);
        },
      ),
    );
  });
});

describe('the request id in answers and logs', () => {
  it('keeps a safe client id, in the header, the error body and the log', async () => {
    const response = await running.proxy.post({ email: 'nope' }, { 'X-Request-Id': 'merchant-req-42' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('merchant-req-42');
    expect(response.body.request_id).toBe('merchant-req-42');
    expect(running.proxy.logs.some((line) => line.includes('"request_id":"merchant-req-42"'))).toBe(true);
  });

  it.each([
    ['4242424242424242'],
    ['req-4242-4242-4242-4242'],
    ['short'],
    ['<img src=x onerror=alert(1)>'],
    ['a.b.c.d.e.f'],
  ])('replaces %j with a new id, in the header and the body, and the log says so', async (sent) => {
    const before = running.proxy.logs.length;
    const response = await running.proxy.post({ email: 'nope' }, { 'X-Request-Id': sent });
    expect(response.status).toBe(400);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(response.body.request_id).toBe(id);
    expect(JSON.stringify(response.body) + JSON.stringify([...response.headers])).not.toContain(sent);
    const lines = running.proxy.logs.slice(before).map((line) => JSON.parse(line));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 30,
        request_id: id,
        msg: "replaced the client's X-Request-Id: not 8 to 64 letters, digits, _ or -, or it held a card number",
      }),
    );
    expect(findCardNumber(running.proxy.logs.slice(before).join(''))).toBeNull();
  });

  it('replaces an unsafe id on the router mounted alone too', async () => {
    const omise = createOmiseClient({ secretKey: world.sandbox.secretKey, apiUrl: world.sandbox.apiUrl });
    const { logger, lines } = captureLogs();
    const router = createCustomersRouter({
      omise,
      idempotencyStore: new MemoryIdempotencyStore(),
      logger,
      limits: { ipPerMinute: 0, emailPerHour: 0 },
    });
    const server = express().use('/api', router).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/customers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'card 4242424242424242' },
        body: '{"plan":"pro"}',
      });
      const body = (await response.json()) as { request_id: string };
      expect(response.headers.get('x-request-id')).toMatch(UUID);
      expect(body.request_id).toBe(response.headers.get('x-request-id'));
      expect(lines.some((line) => line.includes("replaced the client's X-Request-Id"))).toBe(true);
    } finally {
      server.close();
      await router.close();
      omise.close();
    }
  });
});
