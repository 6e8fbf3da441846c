import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseCustomer, readCustomer } from './customer-answer.ts';
import { Customer } from './omise.ts';
import { bare, DOCS_EXAMPLES, withEachOptionalKeyGone } from './test-support/docs-examples.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../test-data/${name}.json`, import.meta.url), 'utf8'));

describe('normaliseCustomer', () => {
  it('turns the legacy 2014-07-27 customer into the 2019-05-29 shape', () => {
    const customer = normaliseCustomer(Customer.parse(fixture('customers-retrieve-2014-07-27')));
    expect(customer).toMatchObject({ created_at: '2015-01-15T04:03:52Z', deleted: false, metadata: {} });
    expect(customer).not.toHaveProperty('created');
    expect(customer.cards).toMatchObject({
      order: 'chronological',
      from: '1970-01-01T00:00:00Z',
      to: '2015-01-15T04:03:52Z',
    });
    const [card] = (customer.cards as { data: unknown[] }).data;
    expect(card).toMatchObject({ created_at: '2015-01-15T04:03:40Z', deleted: false });
    expect(card).not.toHaveProperty('created');
  });

  it('converts +07:00 offsets to UTC with a Z', () => {
    const legacy = fixture('customers-retrieve-2014-07-27');
    expect(normaliseCustomer(Customer.parse({ ...legacy, created: '2015-01-15T11:03:52+07:00' })).created_at).toBe(
      '2015-01-15T04:03:52Z',
    );
  });

  it('leaves a 2019-05-29 customer as it was', () => {
    const recorded = Customer.parse(fixture('customers-create'));
    expect(normaliseCustomer(recorded)).toEqual(recorded);
  });

  it('touches only what is there: a bare customer gains the 2019-05-29 defaults and nothing else', () => {
    expect(normaliseCustomer({ object: 'customer', id: 'cust_test_5086xleuh9ft4bn0ac2' })).toEqual({
      object: 'customer',
      id: 'cust_test_5086xleuh9ft4bn0ac2',
      deleted: false,
      metadata: {},
    });
  });

  it('leaves odd values alone instead of failing on them', () => {
    const odd = {
      object: 'customer' as const,
      id: 'cust_test_5086xleuh9ft4bn0ac2',
      created: 'yesterday',
      deleted: null,
      metadata: 'none',
      cards: { object: 'list', from: 7, data: [null, 'card', { created: 12 }] },
    };
    expect(normaliseCustomer(odd)).toEqual({
      object: 'customer',
      id: 'cust_test_5086xleuh9ft4bn0ac2',
      created_at: 'yesterday',
      deleted: null,
      metadata: 'none',
      cards: {
        object: 'list',
        order: 'chronological',
        from: 7,
        data: [null, 'card', { created_at: 12, deleted: false }],
      },
    });
  });
});

describe('readCustomer', () => {
  it.each(DOCS_EXAMPLES)('reads the documented $version customer as a created customer', ({ answer }) => {
    const read = readCustomer(answer);
    expect(read).toEqual({ customer: expect.objectContaining({ object: 'customer', id: answer.id }) });
  });

  it('reads every documented customer with any optional key missing or null', () => {
    for (const { version, answer } of DOCS_EXAMPLES) {
      for (const variant of [...withEachOptionalKeyGone(answer), { label: 'bare', answer: bare(answer) }]) {
        expect('customer' in readCustomer(variant.answer), `${version} ${variant.label}`).toBe(true);
      }
    }
  });

  it.each([
    ['a body that is not JSON', undefined, { problem: 'not JSON' }],
    ['a list', [], { problem: 'not an object' }],
    ['an error object', { object: 'error', code: 'x' }, { problem: 'not a customer', keys: ['object', 'code'] }],
    [
      'a customer without an id',
      { object: 'customer', email: 'a@b.c' },
      { problem: 'no customer id', keys: ['object', 'email'] },
    ],
    ['a card id', { object: 'customer', id: 'card_test_1' }, { problem: 'no customer id', keys: ['object', 'id'] }],
  ])('describes %s by its shape only', (_name, body, shape) => {
    expect(readCustomer(body)).toEqual({ shape });
  });
});
