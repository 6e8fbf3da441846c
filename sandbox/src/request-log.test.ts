import { findCardNumber } from '@omise-signup/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hiddenCard } from '../../shared/src/test-support/card-text.ts';
import { loggableHeaders, loggablePath, maskCardData } from './request-log.ts';
import { call, cardForm, useSandbox, validCard } from './test-helpers.ts';

const t = useSandbox();

const requests = async (query = '', on: 'api' | 'vault' = 'api') => {
  const result = await call(on === 'api' ? t.sandbox.apiUrl : t.sandbox.vaultUrl, 'GET', `/__sandbox/requests${query}`);
  expect(result.status).toBe(200);
  return (result.json as { data: Record<string, unknown>[] }).data;
};

describe('the request log', () => {
  it('records what a client sent: decoded auth, headers without Authorization, parsed body, status', async () => {
    await t.api('POST', '/customers', {
      form: { email: 'a@example.com', 'metadata[plan]': 'pro' },
      version: '2019-05-29',
      headers: { 'idempotency-key': 'k1' },
    });
    const [entry] = await requests();
    expect(entry).toMatchObject({
      target: 'api',
      method: 'POST',
      path: '/customers',
      query: {},
      auth: { user: t.sandbox.secretKey, password: '' },
      contentType: 'application/x-www-form-urlencoded',
      body: { email: 'a@example.com', metadata: { plan: 'pro' } },
      status: 200,
    });
    expect(entry?.headers).toMatchObject({ 'omise-version': '2019-05-29', 'idempotency-key': 'k1' });
    expect(entry?.headers).not.toHaveProperty('authorization');
    expect(entry?.id).toMatch(/^req_\d+$/);
    expect(Number.isNaN(Date.parse(String(entry?.at)))).toBe(false);
  });

  it('masks the card number to its last four digits and hides the security code', async () => {
    await t.vault('POST', '/tokens', { form: cardForm(validCard()) });
    await t.vault('POST', '/tokens', { json: { card: { ...validCard(), number: 4242424242424242 } } });
    const logged = await requests('', 'vault');
    expect(logged.map((entry) => entry.body)).toEqual([
      { card: expect.objectContaining({ number: '************4242', security_code: '***' }) },
      { card: expect.objectContaining({ number: '************4242', security_code: '***' }) },
    ]);
    expect(JSON.stringify(logged)).not.toContain('4242424242424242');
  });

  it('records requests in order on both listeners, filtered by target, method and path', async () => {
    await t.api('GET', '/customers');
    await t.vault('POST', '/tokens', { form: cardForm(validCard()) });
    await t.api('POST', '/customers', { json: {} });
    const all = await requests();
    expect(all.map((entry) => `${entry.target} ${entry.method} ${entry.path}`)).toEqual([
      'api GET /customers',
      'vault POST /tokens',
      'api POST /customers',
    ]);
    expect((await requests('?target=api&method=post&path=/customers')).length).toBe(1);
    expect((await requests('?target=vault', 'vault')).map((entry) => entry.path)).toEqual(['/tokens']);
  });

  it('records refused requests and faulted ones (status null when the connection was reset)', async () => {
    await t.api('GET', '/customers', { key: null });
    await call(t.sandbox.apiUrl, 'POST', '/__sandbox/faults', { json: { kind: 'reset' } });
    await expect(t.api('GET', '/customers')).rejects.toThrow();
    expect((await requests()).map((entry) => [entry.auth, entry.status])).toEqual([
      [null, 401],
      [{ user: t.sandbox.secretKey, password: '' }, null],
    ]);
  });

  it('keeps a card number out of every field, header and path, however it is written', async () => {
    const cards = ['๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒', '4242_4242_4242_4242', 'card4242424242424242'];
    await t.api(
      'POST',
      `/customers/${encodeURIComponent('x4242424242424242')}?q=${encodeURIComponent(cards[0] ?? '')}`,
      {
        form: { email: 'a@example.com', description: cards[1] ?? '', 'metadata[idempotency_key]': cards[2] ?? '' },
        // Header values are Latin-1 on the wire: a soft hyphen and a middle dot fit.
        headers: {
          'idempotency-key': '4242\u00ad4242\u00ad4242\u00ad4242',
          'x-note': 'ref 4242\u00b74242\u00b74242\u00b74242',
        },
      },
    );
    const [entry] = await requests();
    expect(entry).toMatchObject({
      path: '/customers/x[card number removed]',
      query: { q: '[card number removed]' },
      body: {
        email: 'a@example.com',
        description: '[card number removed]',
        metadata: { idempotency_key: '[card number removed]' },
      },
    });
    expect(entry?.headers).toMatchObject({
      'idempotency-key': '[card number removed]',
      'x-note': '[card number removed]',
    });
    expect(JSON.stringify(entry)).not.toMatch(/4242.?4242|๔๒๔๒/);
  });

  it('does not log control requests', async () => {
    await call(t.sandbox.apiUrl, 'GET', '/__sandbox/faults');
    await call(t.sandbox.apiUrl, 'DELETE', '/__sandbox/faults');
    expect(await requests()).toEqual([]);
  });

  it('is emptied by DELETE /__sandbox/requests', async () => {
    await t.api('GET', '/customers');
    expect((await call(t.sandbox.apiUrl, 'DELETE', '/__sandbox/requests')).status).toBe(204);
    expect(await requests()).toEqual([]);
  });
});

describe('POST /__sandbox/reset', () => {
  it('clears customers, tokens, faults and the log, on either listener', async () => {
    const token = await t.token();
    await t.customer({ card: (await t.token()).id });
    await call(t.sandbox.apiUrl, 'POST', '/__sandbox/faults', {
      json: { kind: 'status', status: 503, path: '/nowhere' },
    });
    const reset = await call(t.sandbox.vaultUrl, 'POST', '/__sandbox/reset');
    expect(reset.status).toBe(204);
    expect((await call(t.sandbox.apiUrl, 'GET', '/__sandbox/faults')).json).toEqual({ data: [] });
    expect(await requests()).toEqual([]);
    expect((await t.api('GET', '/customers')).json).toMatchObject({ total: 0 });
    expect((await t.vault('GET', `/tokens/${token.id}`)).status).toBe(404);
  });

  it('answers 404 JSON for an unknown control endpoint', async () => {
    const result = await call(t.sandbox.apiUrl, 'POST', '/__sandbox/explode');
    expect(result.status).toBe(404);
    expect(result.json).toMatchObject({
      code: 'not_found',
      message: 'POST /__sandbox/explode is not a sandbox control endpoint',
    });
  });
});

describe('maskCardData', () => {
  it('drops a card number written into any other field', () => {
    expect(maskCardData({ description: 'card 4242 4242 4242 4242', email: 'a@example.com' })).toEqual({
      description: '[card number removed]',
      email: 'a@example.com',
    });
  });

  it('drops any string or key holding a card number, in any script, with any separators, next to letters', () => {
    fc.assert(
      fc.property(hiddenCard, ({ text }) => {
        const masked = maskCardData({ description: text, metadata: { [text]: 'x', list: [text] } });
        expect(masked).toEqual({
          description: '[card number removed]',
          metadata: { '[card number removed]': 'x', list: ['[card number removed]'] },
        });
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it('drops a header value holding a card number, keeps the others', () => {
    expect(
      loggableHeaders({ 'idempotency-key': 'ref -4242424242424242', 'x-a': ['ok', '๔๒๔๒๔๒๔๒๔๒๔๒๔๒๔๒'], 'x-b': 'fine' }),
    ).toEqual({ 'idempotency-key': '[card number removed]', 'x-a': ['ok', '[card number removed]'], 'x-b': 'fine' });
  });

  it('masks a card number in a path, percent-encoded or not, and keeps other paths as sent', () => {
    expect(loggablePath('/customers/cust_test_5g0221fe8iwu0t6ba5g')).toBe('/customers/cust_test_5g0221fe8iwu0t6ba5g');
    expect(loggablePath('/customers/%E0%B9%94%E0%B9%92%E0%B9%94%E0%B9%92')).toBe(
      '/customers/%E0%B9%94%E0%B9%92%E0%B9%94%E0%B9%92',
    );
    expect(loggablePath('/tokens/4242424242424242')).toBe('/tokens/[card number removed]');
    expect(loggablePath(`/tokens/${encodeURIComponent('๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒')}`)).toBe('/tokens/[card number removed]');
    expect(findCardNumber(loggablePath('/a/%zz/4242-4242-4242-4242'))).toBeNull();
  });

  it('masks the card number field to its last four digits in any script', () => {
    expect(maskCardData({ card: { number: '๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒' } })).toEqual({ card: { number: '************๔๒๔๒' } });
  });

  it('masks even a number that fails Luhn, since a typo is still a card number', () => {
    expect(maskCardData({ card: { number: '4242-4242-4242-4241' } })).toEqual({ card: { number: '************4241' } });
  });
});
