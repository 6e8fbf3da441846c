import { z } from 'zod';
import { CUSTOMER_ID_PATTERN, isCustomerId } from './ids.ts';

/**
 * Reading Omise's customer answers as they really come. Omise's own documentation examples show
 * fewer keys than its client libraries' recordings, and the keys differ between API versions
 * (`created` before 2019-05-29, `created_at` since; no `deleted` or `metadata` in the oldest: see
 * ../test-data/docs-customer-*.json): so an answer is a customer when it says
 * `object: "customer"` and carries a `cust_` id, and everything else is optional and passed
 * through. What is there is normalised to API 2019-05-29; nothing missing or odd is an error.
 */

/** The two keys a created customer is recognised by; every other key is kept as it came. */
export const CustomerAnswer = z.looseObject({
  object: z.literal('customer'),
  id: z.string().regex(CUSTOMER_ID_PATTERN),
});

/**
 * A customer as the proxy answers with it: Omise's object, normalised where a key is present.
 * Only `object` and `id` are checked; read anything else as the unknown it is.
 */
export type NormalisedCustomer = { object: 'customer'; id: string; [key: string]: unknown };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** `+07:00` and `+00:00` (older versions) become UTC with a `Z`, whole seconds; other values stay. */
function utc(value: unknown): unknown {
  if (typeof value !== 'string' || !ISO_8601.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/** Legacy `created` becomes `created_at` (API 2019-05-29 renamed every past-tense timestamp). */
function withCreatedAt(object: Json): Json {
  const { created, ...rest } = object;
  const value = rest.created_at ?? created;
  return value === undefined ? rest : { ...rest, created_at: utc(value) };
}

/** A legacy object has no `deleted` unless it was deleted (§1.2). */
function withDeleted(object: Json): Json {
  return object.deleted === undefined ? { ...object, deleted: false } : object;
}

function normaliseCard(card: unknown): unknown {
  return isObject(card) ? withDeleted(withCreatedAt(card)) : card;
}

function normaliseList(list: unknown, item: (value: unknown) => unknown): unknown {
  if (!isObject(list)) return list;
  return {
    ...list,
    // Lists before 2019-05-29 carry no order; Omise documents chronological as the default.
    ...(list.order === undefined ? { order: 'chronological' } : {}),
    ...('from' in list ? { from: utc(list.from) } : {}),
    ...('to' in list ? { to: utc(list.to) } : {}),
    ...(Array.isArray(list.data) ? { data: list.data.map(item) } : {}),
  };
}

/**
 * Turns a customer of any API version into the 2019-05-29 shape, touching only what is there.
 * @example normaliseCustomer({ object: 'customer', id: 'cust_test_5fz…', created: '2015-01-15T11:03:52+07:00' })
 *   // → { object: 'customer', id: 'cust_test_5fz…', created_at: '2015-01-15T04:03:52Z', deleted: false, metadata: {} }
 */
export function normaliseCustomer<T extends { object: 'customer'; id: string }>(customer: T): NormalisedCustomer {
  const normalised = withDeleted(withCreatedAt(customer));
  if (normalised.metadata === undefined) normalised.metadata = {};
  if ('cards' in normalised) normalised.cards = normaliseList(normalised.cards, normaliseCard);
  return normalised as NormalisedCustomer;
}

/** Why an answer was not read as a customer, by its shape only: never a value from it. */
export interface AnswerShape {
  problem: 'not JSON' | 'not an object' | 'not a customer' | 'no customer id' | 'not a list';
  /** The answer's top-level key names (Omise's, not the shopper's), at most 20. */
  keys?: string[];
}

/**
 * Reads a 2xx answer to a create or retrieve: the normalised customer, or the shape of what
 * came instead (for the log). `undefined` stands for a body that was not JSON.
 */
export function readCustomer(body: unknown): { customer: NormalisedCustomer } | { shape: AnswerShape } {
  if (body === undefined) return { shape: { problem: 'not JSON' } };
  if (!isObject(body)) return { shape: { problem: 'not an object' } };
  const keys = Object.keys(body).slice(0, 20);
  if (body.object !== 'customer') return { shape: { problem: 'not a customer', keys } };
  if (!isCustomerId(body.id)) return { shape: { problem: 'no customer id', keys } };
  return { customer: normaliseCustomer(body as { object: 'customer'; id: string }) };
}
