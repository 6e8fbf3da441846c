import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Customer, List, OmiseError, Token } from './omise.ts';

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
