import { CreatedCustomer, Customer, ErrorBody, normaliseCustomer, PublicConfig } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import created from '../../shared/test-data/customers-create.json' with { type: 'json' };
import legacy from '../../shared/test-data/customers-retrieve-2014-07-27.json' with { type: 'json' };
import { defaultCard, parseConfig, parseCustomer, parseErrorBody } from './response.ts';

/** What the proxy answers with: Omise's recorded customer, normalised as the proxy does. */
const customer = CreatedCustomer.parse(normaliseCustomer(Customer.parse(created)));

describe('response guards', () => {
  it('accept every customer the shared schema accepts, recorded from Omise', () => {
    expect(parseCustomer(customer)).toBe(customer);
    const fromLegacy = CreatedCustomer.parse(normaliseCustomer(Customer.parse(legacy)));
    expect(parseCustomer(fromLegacy)).toBe(fromLegacy);
  });

  it.each([
    ['an error object', { object: 'error', code: 'not_found' }],
    ['a customer without an id', { ...customer, id: undefined }],
    ['a customer with a card id instead', { ...customer, id: 'card_test_1' }],
    [
      'a legacy customer (created, no created_at)',
      { ...customer, created_at: undefined, created: customer.created_at },
    ],
    [
      'a card without last digits',
      { ...customer, cards: { ...customer.cards, data: [{ id: 'card_1', brand: 'Visa' }] } },
    ],
    ['an HTML page', '<html>502 Bad Gateway</html>'],
  ])('refuse %s, as the shared schema does', (_, body) => {
    expect(parseCustomer(body)).toBeNull();
    expect(CreatedCustomer.safeParse(body).success).toBe(false);
  });

  it('find the default card, else the first', () => {
    expect(defaultCard(customer)?.last_digits).toBe('4242');
    expect(defaultCard({ ...customer, default_card: null })?.last_digits).toBe('4242');
    expect(defaultCard({ ...customer, cards: { ...customer.cards, data: [] } })).toBeUndefined();
  });

  it('read the proxy’s error bodies, fields included', () => {
    const body = {
      object: 'error',
      code: 'validation_error',
      message: 'Enter a valid email address, like name@example.com.',
      request_id: 'req_42',
      fields: [{ field: 'email', message: 'Enter a valid email address, like name@example.com.' }],
    };
    expect(ErrorBody.parse(body)).toEqual(body);
    expect(parseErrorBody(body)).toEqual(body);
  });

  it('refuse an error body with a code outside the closed list', () => {
    const body = { object: 'error', code: 'teapot', message: 'no', request_id: 'req_1' };
    expect(ErrorBody.safeParse(body).success).toBe(false);
    expect(parseErrorBody(body)).toBeNull();
  });

  it('read GET /api/config and refuse one without a public key', () => {
    const config = {
      publicKey: 'pkey_test_5fzs',
      vaultUrl: 'http://127.0.0.1:4011',
      omiseJsUrl: 'http://127.0.0.1:4011/omise.js',
      livemode: false,
    };
    expect(PublicConfig.parse(config)).toEqual(config);
    expect(parseConfig(config)).toEqual(config);
    expect(parseConfig({ ...config, publicKey: 'skey_test_5fzs' })).toBeNull();
    expect(parseConfig({ ...config, omiseJsUrl: '' })).toBeNull();
  });
});
