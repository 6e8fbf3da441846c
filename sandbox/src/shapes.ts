import type { CardRecord, CustomerRecord, TokenRecord } from './store.ts';
import { type ApiVersion, hasCardBank, isLegacy } from './version.ts';

/** How one response is rendered: the caller's API version and the sandbox's clock and vault URL. */
export interface View {
  version: ApiVersion;
  now: Date;
  vaultUrl: string;
}

export type ListOrder = 'chronological' | 'reverse_chronological';

export interface ListWindow {
  offset: number;
  limit: number;
  from: Date;
  to: Date;
  order: ListOrder;
}

export const EPOCH = new Date(0);
/** Nested lists (a customer's cards and linked accounts) show the first 20, like Omise. */
export const NESTED_WINDOW = { offset: 0, limit: 20, from: EPOCH, order: 'chronological' } as const;

/** Objects carry UTC with a `Z` and whole seconds in every version. */
export function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** List bounds use `Z` from 2019-05-29 and `+00:00` before (ruby vs php fixtures). */
function listTime(date: Date, view: View): string {
  const text = timestamp(date);
  return isLegacy(view.version) ? `${text.slice(0, -1)}+00:00` : text;
}

/** Sorts, filters by `from`/`to`, and pages; `total` counts the matches before paging. */
export function windowOf<T extends { createdAt: Date }>(items: readonly T[], window: ListWindow) {
  const matching = items.filter((item) => item.createdAt >= window.from && item.createdAt <= window.to);
  // By creation time, as Omise orders lists (a card's time is its token's, whatever the attach order).
  matching.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  if (window.order === 'reverse_chronological') matching.reverse();
  return { total: matching.length, page: matching.slice(window.offset, window.offset + window.limit) };
}

/** A list object, in Omise's field order for the version. */
export function renderList<T extends { createdAt: Date }>(
  items: readonly T[],
  window: ListWindow,
  location: string,
  view: View,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const { total, page } = windowOf(items, window);
  const data = page.map(render);
  const from = listTime(window.from, view);
  const to = listTime(window.to, view);
  if (isLegacy(view.version)) {
    return { object: 'list', from, to, offset: window.offset, limit: window.limit, total, data, location };
  }
  return {
    object: 'list',
    data,
    limit: window.limit,
    offset: window.offset,
    total,
    location,
    order: window.order,
    from,
    to,
  };
}

/**
 * A card in the version's shape. `location` is null inside a token; `deleted` only appears in a
 * legacy card when it is being deleted.
 */
export function renderCard(
  card: CardRecord,
  view: View,
  location: string | null,
  deleted = false,
): Record<string, unknown> {
  if (isLegacy(view.version)) {
    const legacy: Record<string, unknown> = {
      object: 'card',
      id: card.id,
      livemode: false,
      location,
      country: card.country,
      city: card.city,
      postal_code: card.postal_code,
      financing: card.financing,
    };
    if (hasCardBank(view.version)) legacy.bank = card.bank;
    Object.assign(legacy, {
      last_digits: card.last_digits,
      brand: card.brand,
      expiration_month: card.expiration_month,
      expiration_year: card.expiration_year,
      fingerprint: card.fingerprint,
      name: card.name,
      security_code_check: card.security_code_check,
      created: timestamp(card.createdAt),
    });
    if (deleted) legacy.deleted = true;
    return legacy;
  }
  return {
    object: 'card',
    id: card.id,
    livemode: false,
    location,
    deleted,
    street1: card.street1,
    street2: card.street2,
    city: card.city,
    state: card.state,
    phone_number: card.phone_number,
    postal_code: card.postal_code,
    country: card.country,
    financing: card.financing,
    bank: card.bank,
    brand: card.brand,
    fingerprint: card.fingerprint,
    first_digits: card.first_digits,
    last_digits: card.last_digits,
    name: card.name,
    expiration_month: card.expiration_month,
    expiration_year: card.expiration_year,
    security_code_check: card.security_code_check,
    tokenization_method: null,
    created_at: timestamp(card.createdAt),
  };
}

export const customerLocation = (id: string) => `/customers/${id}`;
export const cardLocation = (customerId: string, cardId: string) => `/customers/${customerId}/cards/${cardId}`;

/** A customer in the version's shape (field order of the recorded fixtures). */
export function renderCustomer(customer: CustomerRecord, view: View, deleted = false): Record<string, unknown> {
  const location = customerLocation(customer.id);
  const nested = { ...NESTED_WINDOW, to: view.now };
  const cards = renderList(customer.cards, nested, `${location}/cards`, view, (card) =>
    renderCard(card, view, cardLocation(customer.id, card.id)),
  );
  if (isLegacy(view.version)) {
    const legacy: Record<string, unknown> = {
      object: 'customer',
      id: customer.id,
      livemode: false,
      location,
      default_card: customer.defaultCard,
      email: customer.email,
      description: customer.description,
      created: timestamp(customer.createdAt),
      cards,
    };
    if (deleted) legacy.deleted = true;
    return legacy;
  }
  return {
    object: 'customer',
    id: customer.id,
    livemode: false,
    location,
    deleted,
    metadata: customer.metadata,
    cards,
    default_card: customer.defaultCard,
    linked_accounts: renderList([], nested, `${location}/linked_accounts`, view, () => null),
    description: customer.description,
    email: customer.email,
    created_at: timestamp(customer.createdAt),
  };
}

/**
 * Legacy versions answer a delete with a stub; 2019-05-29 with the whole object as it was, plus
 * `deleted: true` (Omise's 2017-to-2019 upgrade guide).
 */
export function renderDeletedStub(object: 'customer' | 'card', id: string): Record<string, unknown> {
  return { object, id, livemode: false, deleted: true };
}

/** A token: absolute location from 2019-05-29 (relative before); a used token shows `card: null`. */
export function renderToken(token: TokenRecord, view: View): Record<string, unknown> {
  const path = `/tokens/${token.id}`;
  const card = token.used ? null : renderCard(token.card, view, null);
  if (isLegacy(view.version)) {
    return {
      object: 'token',
      id: token.id,
      livemode: false,
      location: path,
      used: token.used,
      card,
      created: timestamp(token.createdAt),
    };
  }
  return {
    object: 'token',
    id: token.id,
    livemode: false,
    location: `${view.vaultUrl}${path}`,
    used: token.used,
    charge_status: 'unknown',
    card,
    created_at: timestamp(token.createdAt),
  };
}
