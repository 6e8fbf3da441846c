import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Customer, List, normaliseCustomer, OmiseError, Token } from './omise.ts';

// Omise's own recordings (../../shared/fixtures/omise), copied verbatim into test-data/.
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../test-data/${name}.json`, import.meta.url), 'utf8'));

describe('Omise object schemas', () => {
  it.each([
    ['customers-create', Customer],
    ['customers-retrieve-2014-07-27', Customer],
    ['customers-list', List(Customer)],
    ['tokens-create', Token],
    ['tokens-retrieve-used', Token],
    ['error-not-found', OmiseError],
    ['error-authentication-failure', OmiseError],
  ] as const)('parses the recorded %s fixture', (name, schema) => {
    const result = schema.safeParse(fixture(name));
    expect(result.error).toBeUndefined();
  });

  it('keeps keys the schema does not name, such as linked_accounts', () => {
    const customer = Customer.parse(fixture('customers-create'));
    expect(customer.linked_accounts).toMatchObject({ object: 'list', total: 0 });
  });

  it('refuses a customer with neither created_at nor created', () => {
    const { created_at: _, ...withoutDate } = fixture('customers-create') as Record<string, unknown>;
    const result = Customer.safeParse(withoutDate);
    expect(result.error?.issues[0]?.message).toBe('a customer needs created_at (or legacy created)');
  });

  it('refuses an error object that is not one', () => {
    expect(OmiseError.safeParse({ object: 'customer', code: 'x', message: 'y' }).success).toBe(false);
  });
});

describe('normaliseCustomer', () => {
  it('turns the legacy 2014-07-27 customer into the 2019-05-29 shape', () => {
    const customer = normaliseCustomer(Customer.parse(fixture('customers-retrieve-2014-07-27')));
    expect(customer.created_at).toBe('2015-01-15T04:03:52Z');
    expect(customer).not.toHaveProperty('created');
    expect(customer.deleted).toBe(false);
    expect(customer.metadata).toEqual({});
    expect(customer.cards.order).toBe('chronological');
    expect(customer.cards.from).toBe('1970-01-01T00:00:00Z');
    expect(customer.cards.to).toBe('2015-01-15T04:03:52Z');
    expect(customer.cards.data[0]).toMatchObject({ created_at: '2015-01-15T04:03:40Z', deleted: false });
    expect(customer.cards.data[0]).not.toHaveProperty('created');
  });

  it('converts +07:00 offsets to UTC with a Z', () => {
    const legacy = fixture('customers-retrieve-2014-07-27') as Record<string, unknown>;
    const customer = normaliseCustomer(Customer.parse({ ...legacy, created: '2015-01-15T11:03:52+07:00' }));
    expect(customer.created_at).toBe('2015-01-15T04:03:52Z');
  });

  it('leaves a 2019-05-29 customer as it was', () => {
    const recorded = Customer.parse(fixture('customers-create'));
    expect(normaliseCustomer(recorded)).toEqual(recorded);
  });
});
