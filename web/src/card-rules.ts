import {
  checkCardNumber,
  checkSecurityCode,
  detectBrand,
  digitsOf,
  holdsCardNumber,
  readExpiry,
  securityCodeLength,
} from './card.ts';
import { CARD_FIELDS, type CardField, type CardSummary, type CardText } from './frame/protocol.ts';
import { fill } from './i18n/fill.ts';
import type { OmiseCard } from './tokenizer.ts';

/** The card fields as typed. They never leave the browser except to Omise. */
export type CardValues = Record<CardField, string>;

export const EMPTY_CARD: CardValues = { name: '', number: '', expiry: '', securityCode: '' };

/** `optional`: the shopper may leave every card field empty. */
export type CardRequirement = 'required' | 'optional';

/** The card read once: each field's problem, or (when there is none) the card for Omise.js. */
export interface ReadCard {
  problems: Partial<Record<CardField, string>>;
  /** True when every field is empty. */
  empty: boolean;
  /** Set when every field is fine and the card is not an optional one left empty. */
  card?: OmiseCard;
  summary?: CardSummary;
}

/** Checks every card field, parsing each (the expiry included) once. */
export function readCard(values: CardValues, requirement: CardRequirement, t: CardText, now = new Date()): ReadCard {
  const empty = CARD_FIELDS.every((field) => !values[field].trim());
  if (empty && requirement === 'optional') return { problems: {}, empty };
  const problems: ReadCard['problems'] = {};
  if (!values.name.trim()) problems.name = t.nameRequired;
  // Omise keeps the name on the card and sends it back with the customer, to the merchant's server.
  else if (holdsCardNumber(values.name)) problems.name = t.nameHasCard;
  const number = checkCardNumber(values.number);
  if (number) {
    problems.number = {
      required: t.numberRequired,
      invalid: t.numberInvalid,
      incomplete: t.numberIncomplete,
      luhn: t.numberLuhn,
    }[number];
  }
  const expiry = readExpiry(values.expiry, now);
  if (typeof expiry === 'string') {
    problems.expiry = {
      required: t.expiryRequired,
      invalid: t.expiryInvalid,
      past: t.expiryPast,
      far: t.expiryInvalid,
    }[expiry];
  }
  const code = checkSecurityCode(values.securityCode, values.number);
  if (code) {
    problems.securityCode =
      code === 'required'
        ? t.securityCodeRequired
        : fill(t.securityCodeLength, { length: securityCodeLength(values.number) ?? 3 });
  }
  if (typeof expiry === 'string' || Object.keys(problems).length) return { problems, empty };
  const digits = digitsOf(values.number);
  return {
    problems,
    empty,
    card: {
      name: values.name.trim(),
      number: digits,
      expiration_month: expiry.month,
      expiration_year: expiry.year,
      security_code: values.securityCode,
    },
    summary: {
      brand: detectBrand(digits)?.name ?? '',
      lastDigits: digits.slice(-4),
      expirationMonth: expiry.month,
      expirationYear: expiry.year,
    },
  };
}
