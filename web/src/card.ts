/**
 * Card input rules for the brands Omise accepts (docs.omise.co "Supported card brands"):
 * prefix, lengths, digit grouping and security-code length per brand, Luhn for all but UnionPay.
 * A general table such as credit-card-type covers brands Omise refuses anyway and cost 2.8 KB
 * gzip of the 16 KB script-tag budget (measured; see the README's "The widget" section).
 */

/** The Luhn (mod 10) checksum every card number but UnionPay's carries. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export interface Brand {
  /** Human name, e.g. `Visa`, `American Express`: shown while typing. */
  name: string;
  /** Prefixes that identify the brand (IIN ranges), tested on the digits typed so far. */
  prefix: RegExp;
  lengths: number[];
  /** Digit positions where a space goes: [4, 8, 12], or [4, 10] for Amex (4-6-5). */
  gaps: number[];
  /** Security code length: 4 for Amex, 3 for the others. */
  codeLength: number;
  /** UnionPay numbers need not pass Luhn. */
  luhn: boolean;
}

const FOURS = [4, 8, 12];
const brand = (name: string, prefix: RegExp, lengths: number[], gaps = FOURS, codeLength = 3, checked = true) => ({
  name,
  prefix,
  lengths,
  gaps,
  codeLength,
  luhn: checked,
});

export const BRANDS: readonly Brand[] = [
  brand('Visa', /^4/, [13, 16, 19]),
  brand('Mastercard', /^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/, [16]),
  brand('American Express', /^3[47]/, [15], [4, 10], 4),
  brand('Diners Club', /^3(0[0-5]|095|[689])/, [14, 16, 19], [4, 10]),
  brand('JCB', /^(2131|1800)/, [15], [4, 8, 12]),
  brand('JCB', /^35(2[89]|[3-8])/, [16, 17, 18, 19]),
  brand('Discover', /^(6011|64[4-9]|65)/, [16, 19]),
  brand('UnionPay', /^62/, [16, 17, 18, 19], FOURS, 3, false),
];

const MAX_DIGITS = 19;
/** With this many digits and no brand, the number is not one Omise takes. */
const BRAND_KNOWN_AFTER = 6;

export const digitsOf = (value: string): string => value.replace(/\D/g, '');

/** The brand the digits so far identify, or null while they are too few (or no brand matches). */
export function detectBrand(digits: string): Brand | null {
  return BRANDS.find((b) => b.prefix.test(digits)) ?? null;
}

/** Groups digits as printed on the card: `4242 4242 4242 4242`, `3782 822463 10005`. */
export function formatCardNumber(value: string): string {
  const digits = digitsOf(value);
  const found = detectBrand(digits);
  const kept = digits.slice(0, found ? Math.max(...found.lengths) : MAX_DIGITS);
  const gaps = found?.gaps ?? [4, 8, 12, 16];
  let out = '';
  for (let i = 0; i < kept.length; i++) {
    if (gaps.includes(i)) out += ' ';
    out += kept[i];
  }
  return out;
}

/**
 * Formats expiry as `MM/YY` while typing: a lone 2–9 becomes `0N/`, the slash appears after
 * the month unless the user is deleting, and a pasted `MM/YYYY` keeps the last two year digits.
 */
export function formatExpiry(value: string, deleting = false): string {
  const long = /^\s*(\d{1,2})\s*[/\-. ]?\s*(20\d{2})\s*$/.exec(value);
  // A one-digit month the shopper ended with a separator (`1/27`) is month 01, not the 1 of 12.
  const padded = value.replace(/^\s*(\d)\s*[/\-. ]/, '0$1/');
  let digits = long ? `${long[1]?.padStart(2, '0')}${long[2]?.slice(2)}` : digitsOf(padded);
  if (/^[2-9]$/.test(digits)) digits = `0${digits}`;
  digits = digits.slice(0, 4);
  if (digits.length > 2) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  if (digits.length === 2 && !deleting) return `${digits}/`;
  return digits;
}

const WORD = '[\\p{L}\\p{N}]';
const UUID = `[\\da-fA-F]{8}(?:-[\\da-fA-F]{4}){3}-[\\da-fA-F]{12}(?!${WORD})`;
const TOKENS = new RegExp(
  `(?<!${WORD})(?:([a-z]{3,5}_(?:test_)?[\\da-z]{19}(?!${WORD}))|(${UUID}))|\\p{Nd}+(?:[^\\p{L}\\p{N}]+(?!${UUID})\\p{Nd}+)*`,
  'gu',
);
const DECIMAL = /\p{Nd}/u;

/** A decimal digit of another script in ASCII: Unicode assigns them in whole blocks of ten, 0 to 9. */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) ?? 0;
  let zero = code;
  while (DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
  return String((code - zero) % 10);
}

/**
 * True when `text` holds a probable card number: the browser keeps such text from ever reaching
 * the merchant's server. The twin of shared's findCardNumber (same rules: see there), kept here
 * for the bundle: importing that one measured +750 B gzip (+390 B without fast-luhn) against
 * +200 B for this copy, and put the ESM build over its budget. Change the two together;
 * card-twin.test.ts runs both over one generated corpus.
 */
export function holdsCardNumber(text: string): boolean {
  for (const [token, omiseId, uuid] of text.normalize('NFKC').matchAll(TOKENS)) {
    if (uuid) continue;
    const groups = Array.from(token.matchAll(/\p{Nd}+/gu), ([group]) => group.replace(/\D/gu, asciiDigit));
    for (let first = 0; first < groups.length; first++) {
      let digits = '';
      for (let end = first; end < (omiseId ? first + 1 : groups.length); end++) {
        digits += groups[end];
        if (digits.length > MAX_DIGITS) break;
        if (digits.length > 12 && digits[0] !== '0' && luhn(digits)) return true;
      }
    }
  }
  return false;
}

export type CardNumberProblem = 'required' | 'invalid' | 'incomplete' | 'luhn';

export function checkCardNumber(value: string): CardNumberProblem | null {
  const digits = digitsOf(value);
  if (!digits) return 'required';
  const found = detectBrand(digits);
  if (!found) return digits.length < BRAND_KNOWN_AFTER ? 'incomplete' : 'invalid';
  if (!found.lengths.includes(digits.length)) {
    return digits.length < Math.max(...found.lengths) ? 'incomplete' : 'invalid';
  }
  return !found.luhn || luhn(digits) ? null : 'luhn';
}

export type ExpiryProblem = 'required' | 'invalid' | 'past' | 'far';

/** A card's expiry month (1–12) and four-digit year. */
export interface Expiry {
  month: number;
  year: number;
}

/** How far ahead an expiry may be: issuers print at most about 20 years out. */
const MAX_YEARS_AHEAD = 20;

/**
 * Reads a typed `MM/YY` once, into the month and year Omise takes, or what is wrong with it.
 * A card is good through the last day of its expiry month.
 */
export function readExpiry(value: string, now = new Date()): Expiry | ExpiryProblem {
  if (!value.trim()) return 'required';
  const match = /^(\d{2})\/(\d{2})$/.exec(value.trim());
  const month = Number(match?.[1]);
  if (!match || month < 1 || month > 12) return 'invalid';
  const year = 2000 + Number(match[2]);
  const months = year * 12 + month - (now.getFullYear() * 12 + now.getMonth() + 1);
  if (months < 0) return 'past';
  if (months > MAX_YEARS_AHEAD * 12) return 'far';
  return { month, year };
}

/** The security code length for the digits typed so far: 4 for Amex, else 3, unknown → null. */
export function securityCodeLength(numberValue: string): number | null {
  return detectBrand(digitsOf(numberValue))?.codeLength ?? null;
}

export type SecurityCodeProblem = 'required' | 'length';

export function checkSecurityCode(value: string, numberValue: string): SecurityCodeProblem | null {
  if (!value) return 'required';
  const expected = securityCodeLength(numberValue);
  if (!/^\d+$/.test(value)) return 'length';
  if (expected ? value.length !== expected : value.length < 3 || value.length > 4) return 'length';
  return null;
}
