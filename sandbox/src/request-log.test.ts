import { describe, expect, it } from 'vitest';
import { maskCardData } from './request-log.ts';
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

  it('masks even a number that fails Luhn, since a typo is still a card number', () => {
    expect(maskCardData({ card: { number: '4242-4242-4242-4241' } })).toEqual({ card: { number: '************4241' } });
  });
});
