import type { Params } from './body.ts';
import { detectBrand, fingerprint, normaliseNumber, numberValid, testCardOutcome } from './cards.ts';
import type { IdPrefix } from './ids.ts';
import { badRequest, invalidCard, OmiseApiError } from './omise-error.ts';
import { allowOnly, text } from './params.ts';
import type { CardRecord } from './store.ts';

export const CARD_PARAMS = [
  'name',
  'number',
  'expiration_month',
  'expiration_year',
  'security_code',
  'city',
  'postal_code',
  'country',
  'state',
  'street1',
  'street2',
  'phone_number',
  'email',
] as const;

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

/** A month Omise accepts: 1–12, written `5` or `05`. */
export function parseMonth(value: string): number | null {
  const month = /^\d{1,2}$/.test(value.trim()) ? Number(value) : Number.NaN;
  return month >= 1 && month <= 12 ? month : null;
}

/** Whether a card expiring at the end of `month`/`year` (UTC) has expired by `now`. */
export function expiryInPast(month: number, year: number, now: Date): boolean {
  return year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

/**
 * The expiry part of Omise's `invalid_card` reasons, in Omise's order ("expiration month is not between
 * 1 and 12, name can't be blank, expiration year is invalid, expiration date is invalid, …"; omise-ios
 * and omise-woocommerce message lists). `name` slots in after the month, as Omise reports it.
 */
function expiryAndNameReasons(month: string | undefined, year: string | undefined, name: string[], now: Date) {
  const reasons: string[] = [];
  if (blank(month)) reasons.push("expiration month can't be blank", 'expiration month is not between 1 and 12');
  const parsedMonth = blank(month) ? null : parseMonth(month);
  if (!blank(month) && parsedMonth === null) reasons.push('expiration month is not between 1 and 12');
  reasons.push(...name);
  if (blank(year)) reasons.push("expiration year can't be blank", 'expiration year is invalid');
  const yearText = year?.trim() ?? '';
  const numericYear = /^\d{1,4}$/.test(yearText) ? Number(yearText) : null;
  // "25" is not a year Omise takes, and read as year 25 it is also long past (omise-woocommerce list).
  if (!blank(year) && !/^\d{4}$/.test(yearText)) reasons.push('expiration year is invalid');
  if (!blank(month) && !blank(year)) {
    if (parsedMonth === null || numericYear === null) reasons.push('expiration date is invalid');
    else if (expiryInPast(parsedMonth, numericYear, now)) reasons.push('expiration date cannot be in the past');
  }
  return { reasons, month: parsedMonth, year: numericYear };
}

/** Validates a new expiry (PATCH of a customer's card), with the same messages as the vault. */
export function validateExpiry(month: string, year: string, now: Date): { month: number; year: number } {
  const result = expiryAndNameReasons(month, year, [], now);
  if (result.reasons.length > 0 || result.month === null || result.year === null) throw invalidCard(result.reasons);
  return { month: result.month, year: result.year };
}

export interface TokenizeContext {
  now: Date;
  newId: (prefix: IdPrefix) => string;
}

/**
 * Turns `card[...]` parameters into a stored card the way Omise's vault does: validates with Omise's
 * message texts, applies test-card outcomes, keeps only what Omise keeps (never the number or CVC).
 */
export function tokenizeCard(card: Params, context: TokenizeContext): CardRecord {
  allowOnly(card, CARD_PARAMS, 'card');
  const field = (key: string) => text(card, key, { parent: 'card', numbers: true });
  const name = text(card, 'name', { parent: 'card' });
  const number = field('number');
  const securityCode = field('security_code');

  const nameReasons = blank(name) ? ["name can't be blank"] : [];
  const expiry = expiryAndNameReasons(field('expiration_month'), field('expiration_year'), nameReasons, context.now);
  const reasons = expiry.reasons;
  const digits = blank(number) ? '' : normaliseNumber(number);
  const brand = detectBrand(digits);
  if (blank(number)) reasons.push("number can't be blank");
  else if (!numberValid(digits, brand)) reasons.push('number is invalid');
  if (brand === null) reasons.push('brand not supported (unknown)');
  // Omise's wording for a bad CVC is not in the sources; this mirrors its "<field> is invalid" style.
  if (securityCode !== undefined && !/^\d{3,4}$/.test(securityCode.trim())) reasons.push('security code is invalid');
  if (reasons.length > 0 || brand === null || expiry.month === null || expiry.year === null || name === undefined) {
    throw invalidCard(reasons);
  }

  const outcome = testCardOutcome(digits);
  if (outcome === 'failed_fraud_check') throw new OmiseApiError(400, 'failed_fraud_check', 'failed fraud check');

  const optional = (key: string) => {
    const value = field(key);
    return blank(value) ? null : value;
  };
  const country = optional('country');
  if (country !== null && !/^[a-z]{2}$/i.test(country))
    throw badRequest('card[country] must be a 2-letter country code');
  return {
    id: context.newId('card'),
    createdAt: context.now,
    street1: optional('street1'),
    street2: optional('street2'),
    city: optional('city'),
    state: optional('state'),
    phone_number: optional('phone_number'),
    postal_code: optional('postal_code'),
    country: country?.toLowerCase() ?? 'th',
    financing: 'credit',
    bank: 'Omise Sandbox Bank',
    brand,
    fingerprint: fingerprint(digits),
    first_digits: digits.slice(0, 6),
    last_digits: digits.slice(-4),
    name: name.trim(),
    expiration_month: expiry.month,
    expiration_year: expiry.year,
    security_code_check:
      securityCode !== undefined && securityCode.trim() !== '' && outcome !== 'invalid_security_code',
  };
}
