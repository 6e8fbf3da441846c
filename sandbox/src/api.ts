import type { Router } from 'express';
import type { Params } from './body.ts';
import { type Handled, handle } from './listener.ts';
import { badRequest, notFound, OmiseApiError } from './omise-error.ts';
import { listWindow } from './pagination.ts';
import { allowOnly, object, text } from './params.ts';
import {
  cardLocation,
  customerLocation,
  renderCard,
  renderCustomer,
  renderDeletedStub,
  renderList,
  type View,
} from './shapes.ts';
import type { CardRecord, CustomerRecord } from './store.ts';
import { validateExpiry } from './tokenize.ts';
import { isLegacy } from './version.ts';

const view = (context: Handled): View => ({
  version: context.version,
  now: context.state.now(),
  vaultUrl: context.state.vaultUrl,
});

/** Omise reads parameters from the query string and the body alike (go sends list params as a JSON body on GET). */
const paramsOf = (context: Handled): Params => ({ ...context.query, ...context.body });

const ok = (json: unknown) => ({ status: 200, json });

function findCustomer(context: Handled): CustomerRecord {
  const id = context.params.id ?? '';
  const customer = context.state.store.customers.get(id);
  if (!customer) throw notFound('customer', id);
  return customer;
}

function findCard(customer: CustomerRecord, id: string): CardRecord {
  const card = customer.cards.find((candidate) => candidate.id === id);
  if (!card) throw notFound('card', id);
  return card;
}

// Omise's wording (omise-woocommerce message list); whether /customers checks the format is not documented.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function customerFields(params: Params) {
  const email = text(params, 'email');
  if (email !== undefined && email !== '' && !EMAIL.test(email)) throw badRequest('email is in invalid format');
  const metadata = object(params, 'metadata', 'Metadata should be a JSON hash');
  const linkedAccount = text(params, 'linked_account');
  if (linkedAccount) throw notFound('linked account', linkedAccount);
  const token = text(params, 'card');
  return { email, description: text(params, 'description'), metadata, token: token === '' ? undefined : token };
}

/** Checks a token can become a card, without using it yet (nothing changes until every check passed). */
function usableToken(context: Handled, id: string) {
  const token = context.state.store.tokens.get(id);
  if (!token) throw notFound('token', id);
  if (token.used) throw new OmiseApiError(400, 'used_token', 'token was already used');
  return token;
}

/** Uses the token: its card, same id, becomes the customer's (as in Omise's recorded answers). */
function attachCard(customer: CustomerRecord, token: ReturnType<typeof usableToken>): void {
  token.used = true;
  customer.cards.push(token.card);
  customer.defaultCard ??= token.card.id;
}

function createCustomer(context: Handled) {
  const params = paramsOf(context);
  allowOnly(params, ['email', 'description', 'card', 'metadata', 'linked_account']);
  const fields = customerFields(params);
  const token = fields.token === undefined ? null : usableToken(context, fields.token);
  const { state } = context;
  const customer: CustomerRecord = {
    id: state.newId('cust'),
    createdAt: state.now(),
    email: fields.email ?? null,
    description: fields.description ?? null,
    metadata: fields.metadata ?? {},
    cards: [],
    defaultCard: null,
  };
  if (token) attachCard(customer, token);
  state.store.customers.set(customer.id, customer);
  return ok(renderCustomer(customer, view(context)));
}

function updateCustomer(context: Handled) {
  const customer = findCustomer(context);
  const params = paramsOf(context);
  allowOnly(params, ['email', 'description', 'card', 'default_card', 'metadata', 'linked_account']);
  const fields = customerFields(params);
  const token = fields.token === undefined ? null : usableToken(context, fields.token);
  const defaultCard = text(params, 'default_card');
  if (defaultCard !== undefined && defaultCard !== token?.card.id) findCard(customer, defaultCard);

  if (fields.email !== undefined) customer.email = fields.email;
  if (fields.description !== undefined) customer.description = fields.description;
  // Metadata is replaced as a whole, not merged.
  if (fields.metadata !== undefined) customer.metadata = fields.metadata;
  if (token) attachCard(customer, token);
  if (defaultCard !== undefined) customer.defaultCard = defaultCard;
  return ok(renderCustomer(customer, view(context)));
}

function destroyCustomer(context: Handled) {
  const customer = findCustomer(context);
  allowOnly(paramsOf(context), []);
  context.state.store.customers.delete(customer.id);
  if (isLegacy(context.version)) return ok(renderDeletedStub('customer', customer.id));
  return ok(renderCustomer(customer, view(context), true));
}

const CARD_UPDATE_PARAMS = [
  'name',
  'expiration_month',
  'expiration_year',
  'city',
  'postal_code',
  'country',
  'state',
  'street1',
  'street2',
  'phone_number',
] as const;

type Nullable = 'city' | 'postal_code' | 'state' | 'street1' | 'street2' | 'phone_number';

function updateCard(context: Handled) {
  const customer = findCustomer(context);
  const card = findCard(customer, context.params.cardId ?? '');
  const params = paramsOf(context);
  allowOnly(params, CARD_UPDATE_PARAMS);
  const field = (key: string) => text(params, key, { numbers: true });

  const name = text(params, 'name');
  if (name !== undefined && name.trim() === '') throw new OmiseApiError(400, 'invalid_card', "name can't be blank");
  const month = field('expiration_month');
  const year = field('expiration_year');
  const expiry =
    month === undefined && year === undefined
      ? null
      : validateExpiry(
          month ?? String(card.expiration_month),
          year ?? String(card.expiration_year),
          context.state.now(),
        );
  const country = field('country');
  if (country !== undefined && !/^[a-z]{2}$/i.test(country))
    throw badRequest('country must be a 2-letter country code');

  if (name !== undefined) card.name = name.trim();
  if (expiry) {
    card.expiration_month = expiry.month;
    card.expiration_year = expiry.year;
  }
  if (country !== undefined) card.country = country.toLowerCase();
  for (const key of [
    'city',
    'postal_code',
    'state',
    'street1',
    'street2',
    'phone_number',
  ] as const satisfies Nullable[]) {
    const value = field(key);
    if (value !== undefined) card[key] = value === '' ? null : value;
  }
  return ok(renderCard(card, view(context), cardLocation(customer.id, card.id)));
}

function destroyCard(context: Handled) {
  const customer = findCustomer(context);
  const card = findCard(customer, context.params.cardId ?? '');
  allowOnly(paramsOf(context), []);
  customer.cards = customer.cards.filter((candidate) => candidate !== card);
  // "If default card is deleted, the latest card added will be set as default." (docs /customers-api)
  if (customer.defaultCard === card.id) customer.defaultCard = customer.cards.at(-1)?.id ?? null;
  if (isLegacy(context.version)) return ok(renderDeletedStub('card', card.id));
  return ok(renderCard(card, view(context), cardLocation(customer.id, card.id), true));
}

/** The API listener's routes: Omise's customers API and the customer's cards. */
export function apiRoutes(router: Router): void {
  router.post('/customers', handle(createCustomer));
  router.get(
    '/customers',
    handle((context) => {
      const shape = view(context);
      const customers = [...context.state.store.customers.values()];
      const window = listWindow(paramsOf(context), shape.now);
      return ok(renderList(customers, window, '/customers', shape, (customer) => renderCustomer(customer, shape)));
    }),
  );
  router.get(
    '/customers/:id',
    handle((context) => {
      const customer = findCustomer(context);
      allowOnly(paramsOf(context), []);
      return ok(renderCustomer(customer, view(context)));
    }),
  );
  router.patch('/customers/:id', handle(updateCustomer));
  router.delete('/customers/:id', handle(destroyCustomer));
  router.get(
    '/customers/:id/cards',
    handle((context) => {
      const customer = findCustomer(context);
      const shape = view(context);
      const window = listWindow(paramsOf(context), shape.now);
      return ok(
        renderList(customer.cards, window, `${customerLocation(customer.id)}/cards`, shape, (card) =>
          renderCard(card, shape, cardLocation(customer.id, card.id)),
        ),
      );
    }),
  );
  router.get(
    '/customers/:id/cards/:cardId',
    handle((context) => {
      const customer = findCustomer(context);
      const card = findCard(customer, context.params.cardId ?? '');
      allowOnly(paramsOf(context), []);
      return ok(renderCard(card, view(context), cardLocation(customer.id, card.id)));
    }),
  );
  router.patch('/customers/:id/cards/:cardId', handle(updateCard));
  router.delete('/customers/:id/cards/:cardId', handle(destroyCard));
}
