import type { ErrorCode } from '@omise-signup/shared/errors';
import { isErrorCode } from '@omise-signup/shared/errors';

/**
 * Hand-written guards for the proxy's answers. shared's zod schemas are the source of truth,
 * but zod would more than double the script-tag bundle (budget 16 KB gzip), so the widget
 * checks only the fields it reads; response.test.ts runs these guards against the schemas'
 * fixtures so the two cannot drift apart unnoticed.
 */

/** A card as the widget shows it; the proxy sends Omise's full card object. */
export interface SignupCard {
  id: string;
  brand: string;
  last_digits: string;
  expiration_month: number;
  expiration_year: number;
  name?: string | null;
  [key: string]: unknown;
}

/**
 * The customer the proxy created: Omise's customer object in the API 2019-05-29 shape
 * (shared's `CreatedCustomer`). The `omise-signup:success` event carries it.
 */
export interface SignupCustomer {
  object: 'customer';
  id: string;
  livemode: boolean;
  email: string | null;
  description: string | null;
  default_card: string | null;
  created_at: string;
  cards: { object: 'list'; data: SignupCard[]; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ErrorBody {
  object: 'error';
  code: ErrorCode;
  message: string;
  request_id: string;
  fields?: { field: string; message: string }[];
}

/** `GET /api/config`, for a widget that does not carry its own key and script URL. */
export interface PublicConfig {
  publicKey: string;
  omiseJsUrl: string;
  vaultUrl?: string;
  livemode?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isInt = (value: unknown): value is number => Number.isInteger(value);

function isCard(value: unknown): value is SignupCard {
  return (
    isObject(value) &&
    isString(value.id) &&
    isString(value.brand) &&
    isString(value.last_digits) &&
    isInt(value.expiration_month) &&
    isInt(value.expiration_year)
  );
}

export function parseCustomer(value: unknown): SignupCustomer | null {
  if (!isObject(value) || value.object !== 'customer') return null;
  const { id, email, description, default_card, created_at, cards, livemode } = value;
  const ok =
    isString(id) &&
    id.startsWith('cust_') &&
    typeof livemode === 'boolean' &&
    isStringOrNull(email) &&
    isStringOrNull(description) &&
    isStringOrNull(default_card) &&
    isString(created_at) &&
    !Number.isNaN(Date.parse(created_at)) &&
    isObject(cards) &&
    Array.isArray(cards.data) &&
    cards.data.every(isCard);
  return ok ? (value as SignupCustomer) : null;
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

export function parseConfig(value: unknown): PublicConfig | null {
  if (!isObject(value) || !isString(value.publicKey) || !isString(value.omiseJsUrl)) return null;
  if (!value.publicKey.startsWith('pkey_') || !value.omiseJsUrl) return null;
  return value as unknown as PublicConfig;
}

/** The card the customer's `default_card` points at, else the first. */
export function defaultCard(customer: SignupCustomer): SignupCard | undefined {
  return customer.cards.data.find((card) => card.id === customer.default_card) ?? customer.cards.data[0];
}
