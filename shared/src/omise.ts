import { z } from 'zod';

/**
 * Omise API objects as the API returns them, in API version 2019-05-29 and in the legacy
 * 2014-07-27 shape (`created` instead of `created_at`, no `deleted` or `metadata`; Omise's
 * recorded answers in ../test-data/ show both). Every schema keeps unknown keys: Omise adds
 * fields over time and we pass objects through, not re-create them.
 */

/** An ISO-8601 timestamp: `Z` in 2019-05-29, `+00:00` / `+07:00` in older versions. */
export const Timestamp = z.iso.datetime({ offset: true });

const nullableString = z.string().nullable();

function hasCreated(object: { created_at?: string | undefined; created?: string | undefined }): boolean {
  return object.created_at !== undefined || object.created !== undefined;
}

export const Card = z
  .looseObject({
    object: z.literal('card'),
    id: z.string().startsWith('card_'),
    livemode: z.boolean(),
    location: nullableString,
    country: nullableString,
    city: nullableString,
    postal_code: nullableString,
    financing: nullableString,
    last_digits: z.string(),
    brand: z.string(),
    expiration_month: z.number().int().min(1).max(12),
    expiration_year: z.number().int(),
    fingerprint: z.string(),
    name: nullableString,
    security_code_check: z.boolean(),
    // 2019-05-29 additions; absent in legacy cards.
    deleted: z.boolean().optional(),
    bank: nullableString.optional(),
    street1: nullableString.optional(),
    street2: nullableString.optional(),
    state: nullableString.optional(),
    phone_number: nullableString.optional(),
    first_digits: nullableString.optional(),
    tokenization_method: nullableString.optional(),
    created_at: Timestamp.optional(),
    created: Timestamp.optional(),
  })
  .refine(hasCreated, { message: 'a card needs created_at (or legacy created)' });
export type Card = z.infer<typeof Card>;

/** A list object (`object: "list"`) of `item`, as every Omise list endpoint returns it. */
export function List<T extends z.ZodType>(item: T) {
  return z.looseObject({
    object: z.literal('list'),
    data: z.array(item),
    limit: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    location: nullableString.optional(),
    order: z.enum(['chronological', 'reverse_chronological']).nullable().optional(),
    from: Timestamp,
    to: Timestamp,
  });
}
export type List<T> = {
  object: 'list';
  data: T[];
  limit: number;
  offset: number;
  total: number;
  location?: string | null;
  order?: 'chronological' | 'reverse_chronological' | null;
  from: string;
  to: string;
  [key: string]: unknown;
};

export const Metadata = z.record(z.string(), z.unknown());
export type Metadata = z.infer<typeof Metadata>;

export const Customer = z
  .looseObject({
    object: z.literal('customer'),
    id: z.string().startsWith('cust_'),
    livemode: z.boolean(),
    location: nullableString,
    default_card: nullableString,
    email: nullableString,
    description: nullableString,
    cards: List(Card),
    deleted: z.boolean().optional(),
    metadata: Metadata.optional(),
    created_at: Timestamp.optional(),
    created: Timestamp.optional(),
  })
  .refine(hasCreated, { message: 'a customer needs created_at (or legacy created)' });
export type Customer = z.infer<typeof Customer>;

export const Token = z.looseObject({
  object: z.literal('token'),
  id: z.string().startsWith('tokn_'),
  livemode: z.boolean(),
  location: nullableString,
  used: z.boolean(),
  card: Card.nullable(),
  charge_status: z.string().optional(),
  created_at: Timestamp.optional(),
  created: Timestamp.optional(),
});
export type Token = z.infer<typeof Token>;

/** Omise's error object: `{ object: "error", location, code, message }` (docs /errors-api). */
export const OmiseError = z.looseObject({
  object: z.literal('error'),
  location: z.string().optional(),
  code: z.string(),
  message: z.string(),
});
export type OmiseError = z.infer<typeof OmiseError>;

/** The named keys of a loose object type, without its `[key: string]: unknown` (which `Omit` would keep alone). */
type KnownKeys<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type Extra = { [key: string]: unknown };

/** A card in the 2019-05-29 shape: `created_at` always, never `created`. */
export type NormalisedCard = Omit<KnownKeys<Card>, 'created' | 'created_at' | 'deleted'> &
  Extra & { created_at: string; deleted: boolean };

/** A customer in the 2019-05-29 shape: `created_at`, `deleted` and `metadata` always present. */
export type NormalisedCustomer = Omit<
  KnownKeys<Customer>,
  'created' | 'created_at' | 'cards' | 'deleted' | 'metadata'
> &
  Extra & {
    created_at: string;
    deleted: boolean;
    metadata: Metadata;
    cards: List<NormalisedCard>;
  };

/** Legacy lists carry `+00:00` offsets; 2019-05-29 writes UTC with `Z`, second precision. */
function toUtc(timestamp: string): string {
  return `${new Date(timestamp).toISOString().slice(0, 19)}Z`;
}

function createdAt(object: { created_at?: string | undefined; created?: string | undefined }): string {
  const value = object.created_at ?? object.created;
  if (value === undefined) throw new TypeError('Omise object has neither created_at nor created');
  return toUtc(value);
}

export function normaliseCard(card: Card): NormalisedCard {
  const { created: _legacy, ...rest } = card;
  return { ...rest, deleted: card.deleted ?? false, created_at: createdAt(card) };
}

/**
 * Turns any customer the schema accepts into the API 2019-05-29 shape, the one the proxy
 * answers with. @example normaliseCustomer(Customer.parse(await res.json())).created_at
 */
export function normaliseCustomer(customer: Customer): NormalisedCustomer {
  const { created: _legacy, cards, ...rest } = customer;
  return {
    ...rest,
    deleted: customer.deleted ?? false,
    metadata: customer.metadata ?? {},
    cards: {
      ...cards,
      order: cards.order ?? 'chronological',
      from: toUtc(cards.from),
      to: toUtc(cards.to),
      data: cards.data.map(normaliseCard),
    },
    created_at: createdAt(customer),
  };
}
