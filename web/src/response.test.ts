import {
  type CreateCustomerRequest,
  CreatedCustomer,
  Customer,
  ErrorBody,
  normaliseCustomer,
  PublicConfig,
} from '@omise-signup/shared';
import { describe, expect, expectTypeOf, it } from 'vitest';
import created from '../../shared/test-data/customers-create.json' with { type: 'json' };
import legacy from '../../shared/test-data/customers-retrieve-2014-07-27.json' with { type: 'json' };
import type { CreateCustomerBody } from './api.ts';
import {
  parseConfig,
  parseCustomer,
  parseErrorBody,
  viewOf,
  type WidgetConfig,
  type ErrorBody as WidgetErrorBody,
} from './response.ts';

/** What the proxy answers with: Omise's recorded customer, normalised as the proxy does. */
const customer = CreatedCustomer.parse(normaliseCustomer(Customer.parse(created)));

describe('the wire shapes the widget writes out', () => {
  it('are shared’s, so the published types need neither shared nor zod', () => {
    expectTypeOf<WidgetErrorBody>().toEqualTypeOf<ErrorBody>();
    expectTypeOf<WidgetConfig>().toEqualTypeOf<Pick<PublicConfig, 'publicKey' | 'omiseJsUrl' | 'cardFrameUrl'>>();
    expectTypeOf<CreateCustomerBody>().toEqualTypeOf<CreateCustomerRequest>();
  });
});

describe('response guards', () => {
  it('accept every customer the shared schema accepts, recorded from Omise', () => {
    expect(parseCustomer(customer)).toBe(customer);
    const fromLegacy = CreatedCustomer.parse(normaliseCustomer(Customer.parse(legacy)));
    expect(parseCustomer(fromLegacy)).toBe(fromLegacy);
  });

  it('accept a customer with nothing but object and id, as the shared schema does', () => {
    const bare = { object: 'customer', id: 'cust_test_5086xleuh9ft4bn0ac2' };
    expect(parseCustomer(bare)).toBe(bare);
    expect(CreatedCustomer.safeParse(bare).success).toBe(true);
  });

  it.each([
    ['an error object', { object: 'error', code: 'not_found' }],
    ['a customer without an id', { ...customer, id: undefined }],
    ['a customer with a card id instead', { ...customer, id: 'card_test_1' }],
    ['an HTML page', '<html>502 Bad Gateway</html>'],
  ])('refuse %s, as the shared schema does', (_, body) => {
    expect(parseCustomer(body)).toBeNull();
    expect(CreatedCustomer.safeParse(body).success).toBe(false);
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

  it('read GET /api/config (the card frame’s URL included) and refuse one without a public key', () => {
    const config = {
      publicKey: 'pkey_test_5fzs',
      vaultUrl: 'http://127.0.0.1:4011',
      omiseJsUrl: 'http://127.0.0.1:4011/omise.js',
      livemode: false,
    };
    expect(PublicConfig.parse(config)).toEqual(config);
    expect(parseConfig(config)).toEqual({ publicKey: config.publicKey, omiseJsUrl: config.omiseJsUrl });
    const framed = { ...config, cardFrameUrl: 'http://localhost:3001/' };
    expect(PublicConfig.parse(framed)).toEqual(framed);
    expect(parseConfig(framed)).toEqual({ ...parseConfig(config), cardFrameUrl: 'http://localhost:3001/' });
    expect(parseConfig({ ...config, publicKey: 'skey_test_5fzs' })).toBeNull();
    expect(parseConfig({ ...config, omiseJsUrl: '' })).toBeNull();
  });
});

describe('viewOf', () => {
  it('shows the default card, else the first', () => {
    expect(viewOf(customer)).toEqual({
      email: customer.email,
      description: customer.description,
      card: { brand: 'Visa', lastDigits: '4242', expiry: expect.stringMatching(/^\d{2}\/\d{4}$/) },
      createdAt: customer.created_at,
    });
    expect(viewOf({ ...customer, default_card: null }).card?.lastDigits).toBe('4242');
  });

  it('leaves out what is missing, null or oddly typed', () => {
    const card = { brand: 7, last_digits: '4242', expiration_month: 13, expiration_year: 2030 };
    expect(
      viewOf({
        object: 'customer',
        id: 'cust_test_5086xleuh9ft4bn0ac2',
        email: null,
        description: '',
        created_at: 'yesterday',
        cards: { data: [null, card] },
      }),
    ).toEqual({ card: { lastDigits: '4242' } });
    expect(viewOf({ object: 'customer', id: 'cust_test_5086xleuh9ft4bn0ac2', cards: { data: 'none' } })).toEqual({});
  });
});
