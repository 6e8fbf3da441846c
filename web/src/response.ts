import type { ErrorCode } from '@omise-signup/shared/errors';
import { isErrorCode } from '@omise-signup/shared/errors';
import { isCustomerId } from '@omise-signup/shared/ids';

/**
 * Hand-written guards for the proxy's answers. shared's zod schemas are the source of truth,
 * but zod would more than double the script-tag bundle (budget 16 KB gzip), so the widget
 * checks only what it decides from; response.test.ts runs these guards against the schemas and
 * Omise's examples so the two cannot drift apart unnoticed.
 */

/**
 * The customer the proxy created: Omise's customer object, normalised to API 2019-05-29 where a
 * key is present (shared's `CreatedCustomer`). Only `object` and `id` are sure: older API
 * versions and Omise's own examples leave other keys out. The `omise-signup:success` event carries it.
 */
export interface SignupCustomer {
  object: 'customer';
  id: string;
  [key: string]: unknown;
}

/** What the result view shows, each part only when the customer has it in a usable form. */
export interface CustomerView {
  email?: string;
  description?: string;
  card?: { brand?: string; lastDigits?: string; expiry?: string };
  /** ISO 8601, for `<time datetime>`. */
  createdAt?: string;
}

// The wire shapes below are shared's ErrorBody and PublicConfig, written out: the published
// widget's types must not need shared (or zod) installed. response.test.ts checks they stay equal.

export interface ErrorBody {
  object: 'error';
  code: ErrorCode;
  message: string;
  request_id: string;
  fields?: { field: string; message: string }[];
}

/** What the widget reads of `GET /api/config`: the key, Omise.js and the card frame. */
export interface WidgetConfig {
  publicKey: string;
  omiseJsUrl: string;
  cardFrameUrl?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isInt = (value: unknown): value is number => Number.isInteger(value);

const text = (value: unknown): string | undefined => (isString(value) && value !== '' ? value : undefined);

/** A created customer is `object: "customer"` with a `cust_` id; everything else is optional. */
const isSignupCustomer = (value: unknown): value is SignupCustomer =>
  isObject(value) && value.object === 'customer' && isCustomerId(value.id);

export function parseCustomer(value: unknown): SignupCustomer | null {
  return isSignupCustomer(value) ? value : null;
}

/** The card `default_card` points at, else the first card object. */
export function defaultCard(customer: SignupCustomer): Record<string, unknown> | undefined {
  const { cards } = customer;
  const list = isObject(cards) && Array.isArray(cards.data) ? cards.data.filter(isObject) : [];
  return list.find((card) => card.id === customer.default_card) ?? list[0];
}

/** Reads what the result view shows, leaving out whatever is missing or oddly typed. */
export function viewOf(customer: SignupCustomer): CustomerView {
  const view: CustomerView = {};
  const email = text(customer.email);
  const description = text(customer.description);
  if (email) view.email = email;
  if (description) view.description = description;
  const card = defaultCard(customer);
  if (card) {
    const { expiration_month: month, expiration_year: year } = card;
    view.card = {};
    const brand = text(card.brand);
    const lastDigits = text(card.last_digits);
    if (brand) view.card.brand = brand;
    if (lastDigits) view.card.lastDigits = lastDigits;
    if (isInt(month) && month >= 1 && month <= 12 && isInt(year)) {
      view.card.expiry = `${String(month).padStart(2, '0')}/${year}`;
    }
  }
  if (isString(customer.created_at) && !Number.isNaN(Date.parse(customer.created_at))) {
    view.createdAt = customer.created_at;
  }
  return view;
}

export function parseErrorBody(value: unknown): ErrorBody | null {
  if (!isObject(value) || value.object !== 'error' || !isErrorCode(value.code) || !isString(value.message)) return null;
  const fields = Array.isArray(value.fields)
    ? value.fields.filter((f): f is { field: string; message: string } => isObject(f) && isString(f.field))
    : undefined;
  return {
    object: 'error',
    code: value.code,
    message: value.message,
    request_id: isString(value.request_id) ? value.request_id : '',
    ...(fields ? { fields } : {}),
  };
}

export function parseConfig(value: unknown): WidgetConfig | null {
  if (!isObject(value) || !isString(value.publicKey) || !isString(value.omiseJsUrl)) return null;
  if (!value.publicKey.startsWith('pkey_') || !value.omiseJsUrl) return null;
  const { publicKey, omiseJsUrl, cardFrameUrl } = value;
  return { publicKey, omiseJsUrl, ...(isString(cardFrameUrl) && cardFrameUrl ? { cardFrameUrl } : {}) };
}
