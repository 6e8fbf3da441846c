// Our responses against Omise's own recordings (shared/test-data/): every key the recording has, we
// have, recursively through cards and lists, and Omise's field order for the top-level object.
import { Customer, List, OmiseError, Token } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import { fixture, missingKeys, useSandbox, validCard } from './test-helpers.ts';

const t = useSandbox();

/** A card like the recordings': Bangkok, 10320. */
const recordedCard = () => validCard({ name: 'Zin Kyaw Kyaw', city: 'Bangkok', postal_code: '10320' });

describe('missingKeys', () => {
  it('finds a key missing deep inside a list', () => {
    const recorded = { cards: { data: [{ id: 'x', brand: 'Visa' }] } };
    expect(missingKeys(recorded, { cards: { data: [{ id: 'y' }] } })).toEqual(['cards.data[0].brand']);
    expect(missingKeys(recorded, { cards: { data: [] } })).toEqual(['cards.data[0]']);
    expect(missingKeys(recorded, recorded)).toEqual([]);
  });
});

describe('responses carry every key of the recorded fixtures', () => {
  it('POST /customers (customers-create.json, 2019-05-29), in the same field order', async () => {
    const token = await t.token(recordedCard());
    const result = await t.api('POST', '/customers', {
      form: { email: 'zinkyawkyaw@example.com', description: 'Zin Kyaw Kyaw', card: token.id },
    });
    const recorded = fixture('customers-create');
    expect(result.status).toBe(200);
    expect(missingKeys(recorded, result.json)).toEqual([]);
    expect(Object.keys(result.json as object)).toEqual(Object.keys(recorded));
    const card = (result.json as { cards: { data: object[] } }).cards.data[0] as object;
    expect(Object.keys(card)).toEqual(Object.keys((recorded.cards as { data: object[] }).data[0] as object));
    expect(Customer.safeParse(result.json).error).toBeUndefined();
  });

  it('GET /customers (customers-list.json, 2019-05-29)', async () => {
    await t.customer({ email: 'a@example.com', card: (await t.token(recordedCard())).id });
    await t.customer({ email: 'b@example.com' });
    const result = await t.api('GET', '/customers');
    const recorded = fixture('customers-list');
    expect(missingKeys(recorded, result.json)).toEqual([]);
    expect(Object.keys(result.json as object)).toEqual(Object.keys(recorded));
    expect(List(Customer).safeParse(result.json).error).toBeUndefined();
  });

  it('POST /tokens (tokens-create.json, 2019-05-29), in the same field order', async () => {
    const result = await t.vault('POST', '/tokens', {
      form: Object.fromEntries(Object.entries(recordedCard()).map(([key, value]) => [`card[${key}]`, value])),
    });
    const recorded = fixture('tokens-create');
    expect(missingKeys(recorded, result.json)).toEqual([]);
    expect(Object.keys(result.json as object)).toEqual(Object.keys(recorded));
    expect(Token.safeParse(result.json).error).toBeUndefined();
  });

  it('GET /tokens/:id of a used token (tokens-retrieve-used.json): used, card null', async () => {
    const token = await t.token(recordedCard());
    await t.customer({ card: token.id });
    const result = await t.vault('GET', `/tokens/${token.id}`);
    const recorded = fixture('tokens-retrieve-used');
    expect(missingKeys(recorded, result.json)).toEqual([]);
    expect(result.json).toMatchObject({ used: true, card: null });
    expect(Token.safeParse(result.json).error).toBeUndefined();
  });

  it('GET /customers/:id in API 2014-07-27 (customers-retrieve-2014-07-27.json), in the same field order', async () => {
    const token = await t.token(recordedCard());
    const created = await t.customer({ email: 'john.doe@example.com', description: 'John Doe', card: token.id });
    const result = await t.api('GET', `/customers/${created.id}`, { version: '2014-07-27' });
    const recorded = fixture('customers-retrieve-2014-07-27');
    expect(missingKeys(recorded, result.json)).toEqual([]);
    expect(Object.keys(result.json as object)).toEqual(Object.keys(recorded));
    const cards = (result.json as { cards: { data: object[] } }).cards;
    const recordedCards = recorded.cards as { data: object[] };
    expect(Object.keys(cards)).toEqual(Object.keys(recordedCards));
    expect(Object.keys(cards.data[0] as object)).toEqual(Object.keys(recordedCards.data[0] as object));
    expect(Customer.safeParse(result.json).error).toBeUndefined();
  });

  it('an unknown customer (error-not-found.json)', async () => {
    const result = await t.api('GET', '/customers/missing');
    expect(result.status).toBe(404);
    expect(missingKeys(fixture('error-not-found'), result.json)).toEqual([]);
    expect(result.json).toMatchObject({ code: 'not_found', message: 'customer missing was not found' });
    expect(OmiseError.safeParse(result.json).error).toBeUndefined();
  });

  it('a bad key (error-authentication-failure.json), exactly as recorded', async () => {
    const result = await t.api('GET', '/customers/cust_test_x', { key: 'skey_live_please_let_me_in' });
    expect(result.status).toBe(401);
    expect(result.json).toEqual(fixture('error-authentication-failure'));
  });
});
