import { Card, Customer, List } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import { basic, rawRequest, useSandbox, validCard } from './test-helpers.ts';

const t = useSandbox();

const notFound = (message: string) => ({
  object: 'error',
  location: 'https://www.omise.co/api-errors#not-found',
  code: 'not_found',
  message,
});

describe('POST /customers', () => {
  it('creates a customer from form fields with the token card as its default card', async () => {
    const token = await t.token();
    const result = await t.api('POST', '/customers', {
      form: { email: 'somchai@example.com', description: 'Somchai', card: token.id, 'metadata[plan]': 'pro' },
    });
    expect(result.status).toBe(200);
    const customer = Customer.parse(result.json);
    expect(customer.id).toMatch(/^cust_test_[0-9a-z]{19}$/);
    expect(customer).toMatchObject({
      object: 'customer',
      livemode: false,
      location: `/customers/${customer.id}`,
      deleted: false,
      email: 'somchai@example.com',
      description: 'Somchai',
      metadata: { plan: 'pro' },
      default_card: token.card?.id,
      cards: { object: 'list', total: 1, limit: 20, offset: 0, location: `/customers/${customer.id}/cards` },
    });
    expect(customer.cards.data[0]).toMatchObject({
      id: token.card?.id,
      location: `/customers/${customer.id}/cards/${token.card?.id}`,
      brand: 'Visa',
      last_digits: '4242',
    });
  });

  it('creates a customer from JSON, metadata as an object', async () => {
    const token = await t.token();
    const result = await t.api('POST', '/customers', {
      json: { email: 'a@example.com', card: token.id, metadata: { plan: 'pro', seats: 3 } },
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ metadata: { plan: 'pro', seats: 3 }, default_card: token.card?.id });
  });

  it('creates a customer with no card: default_card null and an empty card list', async () => {
    const customer = await t.customer({ email: 'a@example.com' });
    expect(customer).toMatchObject({ default_card: null, description: null, cards: { total: 0, data: [] } });
  });

  it('uses the token: a second customer with it gets used_token', async () => {
    const token = await t.token();
    await t.customer({ card: token.id });
    const again = await t.api('POST', '/customers', { form: { card: token.id } });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({
      object: 'error',
      location: 'https://www.omise.co/api-errors#used-token',
      code: 'used_token',
      message: 'token was already used',
    });
    const retrieved = await t.vault('GET', `/tokens/${token.id}`);
    expect(retrieved.json).toMatchObject({ used: true, card: null });
  });

  it('answers 404 not_found for an unknown token and creates nothing', async () => {
    const result = await t.api('POST', '/customers', { form: { email: 'a@example.com', card: 'tokn_test_nope' } });
    expect(result.status).toBe(404);
    expect(result.json).toEqual(notFound('token tokn_test_nope was not found'));
    expect((await t.api('GET', '/customers')).json).toMatchObject({ total: 0 });
  });

  it.each([
    ['an unknown parameter', { form: { email: 'a@example.com', colour: 'red' } }, 'colour is not a valid parameter'],
    ['two unknown parameters', { json: { a: 1, b: 2 } }, 'a and b are not valid parameters'],
    ['an email that is not a string', { json: { email: 42 } }, 'email must be a string'],
    ['an email without @', { form: { email: 'not-an-email' } }, 'email is in invalid format'],
    ['metadata that is not an object', { form: { metadata: 'pro' } }, 'Metadata should be a JSON hash'],
    ['metadata that is an array', { json: { metadata: ['pro'] } }, 'Metadata should be a JSON hash'],
  ])('refuses %s with bad_request', async (_, options, message) => {
    const result = await t.api('POST', '/customers', options);
    expect(result.status).toBe(400);
    expect(result.json).toEqual({
      object: 'error',
      location: 'https://www.omise.co/api-errors#bad-request',
      code: 'bad_request',
      message,
    });
  });

  it('does not use the token when the request is refused', async () => {
    const token = await t.token();
    const refused = await t.api('POST', '/customers', { form: { card: token.id, email: 'bad' } });
    expect(refused.status).toBe(400);
    expect((await t.api('POST', '/customers', { form: { card: token.id } })).status).toBe(200);
  });
});

describe('API authentication', () => {
  it.each([
    ['no key', null],
    ['a public key', 'pkey_test_sandbox000000000000'],
    ['a live secret key', 'skey_5abc'],
    ['garbage', 'letmein'],
  ])('refuses %s with 401 authentication_failure', async (_, key) => {
    const result = await t.api('GET', '/customers', { key });
    expect(result.status).toBe(401);
    expect(result.json).toEqual({
      object: 'error',
      location: 'https://www.omise.co/api-errors#authentication-failure',
      code: 'authentication_failure',
      message: 'authentication failed',
    });
  });

  it('checks the key before the body', async () => {
    const result = await t.api('POST', '/customers', {
      raw: { body: '{oops', contentType: 'application/json' },
      key: null,
    });
    expect(result.status).toBe(401);
  });
});

describe('GET /customers/:id', () => {
  it('retrieves the customer as created', async () => {
    const created = await t.customer({ email: 'a@example.com', card: (await t.token()).id });
    const result = await t.api('GET', `/customers/${created.id}`);
    expect(result.status).toBe(200);
    expect(result.json).toEqual(created);
  });

  it("answers 404 with Omise's message for an unknown customer", async () => {
    const result = await t.api('GET', '/customers/cust_test_x');
    expect(result.status).toBe(404);
    expect(result.json).toEqual(notFound('customer cust_test_x was not found'));
  });
});

describe('PATCH /customers/:id', () => {
  it('updates email and description from a form', async () => {
    const created = await t.customer({ email: 'a@example.com', description: 'old' });
    const result = await t.api('PATCH', `/customers/${created.id}`, {
      form: { email: 'b@example.com', description: 'new' },
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ id: created.id, email: 'b@example.com', description: 'new' });
  });

  it('replaces metadata as a whole', async () => {
    const created = await t.customer({ metadata: { plan: 'pro', seats: '3' } });
    const result = await t.api('PATCH', `/customers/${created.id}`, { json: { metadata: { plan: 'team' } } });
    expect(result.json).toMatchObject({ metadata: { plan: 'team' } });
    expect(Customer.parse(result.json).metadata).toEqual({ plan: 'team' });
  });

  it('adds a card from a token, keeping the first card as default until default_card changes it', async () => {
    const first = await t.token();
    const second = await t.token(validCard({ number: '5555555555554444' }));
    const created = await t.customer({ card: first.id });
    const added = await t.api('PATCH', `/customers/${created.id}`, { form: { card: second.id } });
    expect(added.json).toMatchObject({ default_card: first.card?.id, cards: { total: 2 } });
    const switched = await t.api('PATCH', `/customers/${created.id}`, {
      form: { default_card: second.card?.id ?? '' },
    });
    expect(switched.status).toBe(200);
    expect(switched.json).toMatchObject({ default_card: second.card?.id });
  });

  it('makes a token the default card of a customer that had none', async () => {
    const token = await t.token();
    const created = await t.customer();
    const result = await t.api('PATCH', `/customers/${created.id}`, { json: { card: token.id } });
    expect(result.json).toMatchObject({ default_card: token.card?.id });
  });

  it("refuses a default_card that is not the customer's", async () => {
    const created = await t.customer({ card: (await t.token()).id });
    const result = await t.api('PATCH', `/customers/${created.id}`, { form: { default_card: 'card_test_other' } });
    expect(result.status).toBe(404);
    expect(result.json).toEqual(notFound('card card_test_other was not found'));
  });

  it('answers 404 for an unknown customer', async () => {
    const result = await t.api('PATCH', '/customers/cust_test_x', { form: { email: 'a@example.com' } });
    expect(result.status).toBe(404);
    expect(result.json).toEqual(notFound('customer cust_test_x was not found'));
  });
});

describe('DELETE /customers/:id', () => {
  it('answers the whole customer with deleted: true, then forgets it', async () => {
    const created = await t.customer({ email: 'a@example.com', card: (await t.token()).id });
    const result = await t.api('DELETE', `/customers/${created.id}`);
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ ...created, deleted: true });
    expect((await t.api('GET', `/customers/${created.id}`)).status).toBe(404);
    expect((await t.api('DELETE', `/customers/${created.id}`)).json).toEqual(
      notFound(`customer ${created.id} was not found`),
    );
  });

  it('answers the minimal legacy object in API 2014-07-27', async () => {
    const created = await t.customer();
    const result = await t.api('DELETE', `/customers/${created.id}`, { version: '2014-07-27' });
    expect(result.json).toEqual({ object: 'customer', id: created.id, livemode: false, deleted: true });
  });
});

describe('GET /customers', () => {
  async function three() {
    const customers = [];
    for (const email of ['1@example.com', '2@example.com', '3@example.com'])
      customers.push(await t.customer({ email }));
    return customers.map((customer) => customer.id);
  }

  it('lists oldest first with Omise list fields', async () => {
    const ids = await three();
    const result = await t.api('GET', '/customers');
    const list = List(Customer).parse(result.json);
    expect(list).toMatchObject({ limit: 20, offset: 0, total: 3, location: '/customers', order: 'chronological' });
    expect(list.from).toBe('1970-01-01T00:00:00Z');
    expect(list.data.map((customer) => customer.id)).toEqual(ids);
  });

  it('pages with offset and limit, and reverses with order', async () => {
    const ids = await three();
    const page = await t.api('GET', '/customers?offset=1&limit=1&order=reverse_chronological');
    const list = List(Customer).parse(page.json);
    expect(list).toMatchObject({ total: 3, offset: 1, limit: 1, order: 'reverse_chronological' });
    expect(list.data.map((customer) => customer.id)).toEqual([ids[1]]);
  });

  it('clamps a limit over 100 to 100', async () => {
    const result = await t.api('GET', '/customers?limit=500');
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ limit: 100 });
  });

  it('filters by from and to, echoing them', async () => {
    await three();
    const future = await t.api('GET', '/customers?from=2999-01-01T00:00:00Z');
    expect(future.json).toMatchObject({ total: 0, data: [], from: '2999-01-01T00:00:00Z' });
    const past = await t.api('GET', '/customers?to=2000-01-01T00:00:00Z');
    expect(past.json).toMatchObject({ total: 0, to: '2000-01-01T00:00:00Z' });
    expect((await t.api('GET', '/customers?from=2000-01-01')).json).toMatchObject({ total: 3 });
  });

  it('reads list parameters from a JSON body on GET, as the go client sends them', async () => {
    await three();
    const result = await rawRequest(`${t.sandbox.apiUrl}/customers`, {
      headers: { authorization: basic(t.sandbox.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 2 }),
    });
    expect(JSON.parse(result.text)).toMatchObject({ limit: 2, total: 3 });
  });

  it.each([
    ['limit=-1', 'limit must be a non-negative integer'],
    ['offset=abc', 'offset must be a non-negative integer'],
    ['order=newest', 'order must be chronological or reverse_chronological'],
    ['from=yesterday', 'from must be an ISO 8601 date and time'],
    ['page=2', 'page is not a valid parameter'],
  ])('refuses %s with bad_request', async (query, message) => {
    const result = await t.api('GET', `/customers?${query}`);
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ code: 'bad_request', message });
  });
});

describe("a customer's cards", () => {
  async function customerWithCards() {
    const first = await t.token();
    const second = await t.token(validCard({ number: '3530111333300000', name: 'Second' }));
    const customer = await t.customer({ card: first.id });
    await t.api('PATCH', `/customers/${customer.id}`, { form: { card: second.id } });
    return { customer, first: first.card?.id ?? '', second: second.card?.id ?? '' };
  }

  it('lists them as a list of cards', async () => {
    const { customer, first, second } = await customerWithCards();
    const result = await t.api('GET', `/customers/${customer.id}/cards`);
    const list = List(Card).parse(result.json);
    expect(list).toMatchObject({ total: 2, location: `/customers/${customer.id}/cards` });
    expect(list.data.map((card) => card.id)).toEqual([first, second]);
    const reversed = await t.api('GET', `/customers/${customer.id}/cards?order=reverse_chronological&limit=1`);
    expect(
      List(Card)
        .parse(reversed.json)
        .data.map((card) => card.id),
    ).toEqual([second]);
  });

  it('retrieves one', async () => {
    const { customer, second } = await customerWithCards();
    const result = await t.api('GET', `/customers/${customer.id}/cards/${second}`);
    expect(result.status).toBe(200);
    expect(Card.parse(result.json)).toMatchObject({
      id: second,
      brand: 'JCB',
      name: 'Second',
      location: `/customers/${customer.id}/cards/${second}`,
    });
  });

  it('updates name, expiry and address fields', async () => {
    const { customer, first } = await customerWithCards();
    const result = await t.api('PATCH', `/customers/${customer.id}/cards/${first}`, {
      form: { name: 'New Name', expiration_month: '3', expiration_year: '2098', city: 'Chiang Mai', postal_code: '' },
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({
      name: 'New Name',
      expiration_month: 3,
      expiration_year: 2098,
      city: 'Chiang Mai',
      postal_code: null,
    });
  });

  it('refuses a past expiry on update with invalid_card', async () => {
    const { customer, first } = await customerWithCards();
    const result = await t.api('PATCH', `/customers/${customer.id}/cards/${first}`, {
      json: { expiration_year: 2001 },
    });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ code: 'invalid_card', message: 'expiration date cannot be in the past' });
  });

  it('refuses a number on update: cards change by new token, not by number', async () => {
    const { customer, first } = await customerWithCards();
    const result = await t.api('PATCH', `/customers/${customer.id}/cards/${first}`, {
      form: { number: '4111111111111111' },
    });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ code: 'bad_request', message: 'number is not a valid parameter' });
  });

  it('destroys one; deleting the default makes the latest card the default', async () => {
    const { customer, first, second } = await customerWithCards();
    const result = await t.api('DELETE', `/customers/${customer.id}/cards/${first}`);
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ object: 'card', id: first, deleted: true });
    const after = await t.api('GET', `/customers/${customer.id}`);
    expect(after.json).toMatchObject({ default_card: second, cards: { total: 1 } });
    expect((await t.api('GET', `/customers/${customer.id}/cards/${first}`)).json).toEqual(
      notFound(`card ${first} was not found`),
    );
  });

  it('answers the legacy stub for a destroyed card in API 2014-07-27', async () => {
    const { customer, first } = await customerWithCards();
    const result = await t.api('DELETE', `/customers/${customer.id}/cards/${first}`, { version: '2014-07-27' });
    expect(result.json).toEqual({ object: 'card', id: first, livemode: false, deleted: true });
  });
});

describe('Omise-Version', () => {
  it('renders the 2014-07-27 shape: created, no deleted or metadata, +00:00 list dates', async () => {
    const created = await t.customer({ card: (await t.token()).id });
    const result = await t.api('GET', `/customers/${created.id}`, { version: '2014-07-27' });
    const legacy = Customer.parse(result.json);
    expect(legacy.created).toBe(created.created_at);
    expect(legacy).not.toHaveProperty('created_at');
    expect(legacy).not.toHaveProperty('deleted');
    expect(legacy).not.toHaveProperty('metadata');
    expect(legacy).not.toHaveProperty('linked_accounts');
    expect(legacy.cards.from).toBe('1970-01-01T00:00:00+00:00');
    expect(legacy.cards).not.toHaveProperty('order');
    expect(legacy.cards.data[0]).toHaveProperty('created');
    expect(legacy.cards.data[0]).not.toHaveProperty('bank');
  });

  it('adds card bank from 2015-11-17', async () => {
    const created = await t.customer({ card: (await t.token()).id });
    const result = await t.api('GET', `/customers/${created.id}`, { version: '2015-11-17' });
    expect(Customer.parse(result.json).cards.data[0]).toHaveProperty('bank');
  });

  it('refuses an unknown version with bad_request', async () => {
    const result = await t.api('GET', '/customers', { version: '2020-01-01' });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({
      code: 'bad_request',
      message: 'Omise-Version 2020-01-01 is not supported; use one of 2019-05-29, 2017-11-02, 2015-11-17, 2014-07-27',
    });
  });
});

describe('unknown routes', () => {
  it('answers 404 not_found as JSON, never HTML', async () => {
    const result = await t.api('GET', '/charges');
    expect(result.status).toBe(404);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(result.json).toEqual(notFound('GET /charges was not found'));
  });

  it('answers 404 for a method the route does not take', async () => {
    const result = await t.api('PUT', '/customers');
    expect(result.status).toBe(404);
    expect(result.json).toMatchObject({ code: 'not_found' });
  });
});

describe('GET /customers from a time, as a reconciliation reads it', () => {
  let clock = Date.parse('2026-03-01T09:00:00.400Z');
  const timed = useSandbox({ now: () => new Date(clock) });

  it('lists exactly the customers created at or after from (whole seconds, bound included), page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await timed.customer({ email: `t${i}@example.com` })).id);
      clock += 10_000;
    }
    // The third customer was created at 09:00:20.400; a bound of 09:00:20 includes it, 09:00:21 does not.
    const from = (bound: string, query = '') =>
      timed
        .api('GET', `/customers?from=${bound}&order=chronological${query}`)
        .then((r) => List(Customer).parse(r.json));
    const included = await from('2026-03-01T09:00:20Z');
    expect(included).toMatchObject({ total: 3, from: '2026-03-01T09:00:20Z' });
    expect(included.data.map((c) => c.id)).toEqual(ids.slice(2));
    expect((await from('2026-03-01T09:00:21Z')).data.map((c) => c.id)).toEqual(ids.slice(3));
    const second = await from('2026-03-01T09:00:00Z', '&limit=2&offset=2');
    expect(second).toMatchObject({ total: 5, offset: 2, limit: 2 });
    expect(second.data.map((c) => c.id)).toEqual(ids.slice(2, 4));
  });
});
