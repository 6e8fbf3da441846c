import { CreatedCustomer, Customer, normaliseCustomer } from '@omise-signup/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import created from '../../shared/test-data/customers-create.json' with { type: 'json' };
import { configUrl, fetchConfig, postCustomer, resetConfigs } from './api.ts';

const customer = CreatedCustomer.parse(normaliseCustomer(Customer.parse(created)));
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => resetConfigs());

describe('POST /api/customers', () => {
  it('sends JSON with the Idempotency-Key and returns the created customer', async () => {
    const fetch = vi.fn(async () => json(201, customer));
    vi.stubGlobal('fetch', fetch);
    const result = await postCustomer('/api/customers', { email: 'a@example.com', card: 'tokn_test_1' }, 'key-1');
    expect(result).toEqual({ ok: true, customer });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/customers');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'Content-Type': 'application/json', 'Idempotency-Key': 'key-1' });
    expect(init.body).toBe('{"email":"a@example.com","card":"tokn_test_1"}');
  });

  it('turns an error body into a failure, mapping the card field to the card number', async () => {
    vi.stubGlobal('fetch', async () =>
      json(400, {
        object: 'error',
        code: 'validation_error',
        message: 'Invalid.',
        request_id: 'req_9',
        fields: [
          { field: 'email', message: 'Enter a valid email address.' },
          { field: 'card', message: 'Card must be a token id.' },
          { field: '(body)', message: 'Send a JSON object.' },
        ],
      }),
    );
    expect(await postCustomer('/api/customers', {}, 'k')).toEqual({
      ok: false,
      failure: { code: 'validation_error', requestId: 'req_9', fields: ['email', 'number'] },
    });
  });

  it('reports a network failure as network_error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await postCustomer('/api/customers', {}, 'k')).toEqual({ ok: false, failure: { code: 'network_error' } });
  });

  it('reports a request that outlives its timeout as network_error', async () => {
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError'))),
        ),
    );
    expect(await postCustomer('/api/customers', {}, 'k', 10)).toEqual({
      ok: false,
      failure: { code: 'network_error' },
    });
  });

  it('reports a page that is not ours (a gateway’s HTML, a malformed customer) as bad_response', async () => {
    vi.stubGlobal('fetch', async () => new Response('<h1>502 Bad Gateway</h1>', { status: 502 }));
    expect(await postCustomer('/api/customers', {}, 'k')).toEqual({ ok: false, failure: { code: 'bad_response' } });
    vi.stubGlobal('fetch', async () => json(201, { object: 'customer' }));
    expect(await postCustomer('/api/customers', {}, 'k')).toEqual({ ok: false, failure: { code: 'bad_response' } });
  });
});

describe('GET /api/config', () => {
  const config = { publicKey: 'pkey_test_1', vaultUrl: 'http://v', omiseJsUrl: 'http://v/omise.js', livemode: false };

  it('lives beside the endpoint', () => {
    expect(configUrl('/api/customers')).toBe(`${location.origin}/api/config`);
    expect(configUrl('https://shop.example/signup/customers')).toBe('https://shop.example/signup/config');
  });

  it('is fetched once, and fetched again after a failure', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockImplementation(async () => json(200, config));
    vi.stubGlobal('fetch', fetch);
    await expect(fetchConfig('/api/customers')).rejects.toThrow();
    const read = { publicKey: config.publicKey, omiseJsUrl: config.omiseJsUrl };
    await expect(fetchConfig('/api/customers')).resolves.toEqual(read);
    await expect(fetchConfig('/api/customers')).resolves.toEqual(read);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('refuses a config without a usable public key', async () => {
    vi.stubGlobal('fetch', async () => json(200, { ...config, publicKey: '' }));
    await expect(fetchConfig('/api/customers')).rejects.toThrow('bad config');
  });
});
