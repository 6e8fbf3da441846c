// The official `omise` npm client (1.1.0) against the sandbox. The client takes a host but no port
// (its lib/api.js builds the request from `host` alone), so this file binds the API to
// 127.0.0.2:80 and the vault to 127.0.0.3:80.
import { Customer, List, Token } from '@omise-signup/shared';
import omise from 'omise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox.ts';
import { validCard } from './test-helpers.ts';

const API_HOST = '127.0.0.2';
const VAULT_HOST = '127.0.0.3';

let sandbox: Sandbox;
let client: ReturnType<typeof omise>;

beforeAll(async () => {
  delete process.env.http_proxy; // the client would tunnel through it
  try {
    sandbox = await startSandbox({ apiHost: API_HOST, vaultHost: VAULT_HOST, apiPort: 80, vaultPort: 80 });
  } catch (error) {
    throw new Error(
      `The omise client tests need port 80 on ${API_HOST} and ${VAULT_HOST} (the client has no port option; ` +
        `run as root on Linux, where all of 127.0.0.0/8 is loopback): ${(error as Error).message}`,
    );
  }
  client = omise({
    publicKey: sandbox.publicKey,
    secretKey: sandbox.secretKey,
    omiseVersion: '2019-05-29',
    host: API_HOST,
    vaultHost: VAULT_HOST,
    scheme: 'http' as omise.Scheme,
  });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('the official omise client', () => {
  it('creates a token, then a customer with it, retrieves, lists, updates and destroys it', async () => {
    const card = validCard();
    const token = await client.tokens.create({
      card: {
        name: card.name ?? '',
        number: card.number ?? '',
        expiration_month: Number(card.expiration_month),
        expiration_year: Number(card.expiration_year),
        security_code: card.security_code ?? '',
        city: card.city,
        postal_code: card.postal_code,
      },
    });
    expect(Token.parse(token).card?.brand).toBe('Visa');
    expect(token.id).toMatch(/^tokn_test_[0-9a-z]{19}$/);

    const created = await client.customers.create({
      email: 'somchai@example.com',
      description: 'Somchai Prasert',
      card: token.id,
    });
    expect(Customer.parse(created)).toMatchObject({
      email: 'somchai@example.com',
      description: 'Somchai Prasert',
      default_card: token.card.id,
    });

    const retrieved = await client.customers.retrieve(created.id);
    expect(retrieved).toEqual(created);

    const list = await client.customers.list({ limit: 5, order: 'reverse_chronological' });
    expect(List(Customer).parse(list)).toMatchObject({ total: 1, limit: 5, order: 'reverse_chronological' });
    expect(list.data.map((customer: { id: string }) => customer.id)).toEqual([created.id]);

    const updated = await client.customers.update(created.id, {
      email: 'somchai.p@example.com',
      metadata: { plan: 'pro' },
    });
    expect(updated).toMatchObject({ email: 'somchai.p@example.com', metadata: { plan: 'pro' } });

    const destroyed = await client.customers.destroy(created.id);
    expect(destroyed).toMatchObject({ id: created.id, deleted: true });
    await expect(client.customers.retrieve(created.id)).rejects.toMatchObject({
      code: 'not_found',
      message: `customer ${created.id} was not found`,
    });
  });

  it('lists, retrieves, updates and destroys a customer card', async () => {
    const token = await client.tokens.create({
      card: { name: 'A B', number: '5555555555554444', expiration_month: 2, expiration_year: 2099 },
    });
    const customer = await client.customers.create({ card: token.id });
    const cardId = token.card.id;

    const cards = await client.customers.listCards(customer.id);
    expect(cards.data.map((card: { id: string }) => card.id)).toEqual([cardId]);
    expect(await client.customers.retrieveCard(customer.id, cardId)).toMatchObject({ brand: 'MasterCard' });
    expect(await client.customers.updateCard(customer.id, cardId, { name: 'C D' })).toMatchObject({ name: 'C D' });
    expect(await client.customers.destroyCard(customer.id, cardId)).toMatchObject({ id: cardId, deleted: true });
    expect(await client.customers.retrieve(customer.id)).toMatchObject({ default_card: null, cards: { total: 0 } });
  });

  it('rejects with the error object for a used token', async () => {
    const token = await client.tokens.create({
      card: { name: 'A B', number: '4242424242424242', expiration_month: 2, expiration_year: 2099 },
    });
    await client.customers.create({ card: token.id });
    await expect(client.customers.create({ card: token.id })).rejects.toEqual({
      object: 'error',
      location: 'https://www.omise.co/api-errors#used-token',
      code: 'used_token',
      message: 'token was already used',
    });
    expect(await client.tokens.retrieve(token.id)).toMatchObject({ used: true, card: null });
  });

  it('is refused with authentication_failure when it sends the public key to the API', async () => {
    const wrong = omise({ secretKey: sandbox.publicKey, host: API_HOST, scheme: 'http' as omise.Scheme });
    await expect(wrong.customers.list()).rejects.toMatchObject({
      code: 'authentication_failure',
      message: 'authentication failed',
    });
  });
});
