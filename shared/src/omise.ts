import { z } from 'zod';

/**
 * Omise API objects in full, as Omise's client libraries recorded them (../test-data/), in API
 * version 2019-05-29 and in the legacy 2014-07-27 shape (`created` instead of `created_at`, no
 * `deleted` or `metadata`). They
 * check that the sandbox answers the way those recordings do. They are stricter than Omise itself
 * (its documentation examples leave keys out), so the proxy never reads Omise's answers with them:
 * that is `readCustomer` in customer-answer.ts. Every schema keeps unknown keys.
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
