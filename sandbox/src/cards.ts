import { createHash } from 'node:crypto';

export type Brand = 'Visa' | 'MasterCard' | 'JCB' | 'American Express' | 'Discover' | 'Diners Club' | 'UnionPay';

/**
 * What a test card does. `success` and the charge failure codes tokenize normally (their outcome
 * belongs to charges, which the sandbox does not emulate); `failed_fraud_check` is refused at the
 * vault; `invalid_security_code` tokenizes with `security_code_check: false`.
 */
export type TestCardOutcome =
  | 'success'
  | 'failed_fraud_check'
  | 'invalid_security_code'
  | 'insufficient_fund'
  | 'stolen_or_lost_card'
  | 'failed_processing'
  | 'payment_rejected'
  | 'invalid_account_number';

export interface TestCard {
  number: string;
  brand: Brand;
  outcome: TestCardOutcome;
}

const card = (number: string, brand: Brand, outcome: TestCardOutcome): TestCard => ({ number, brand, outcome });

/** Omise's documented test cards (docs.omise.co/api-testing) and what the sandbox does with each. */
export const SANDBOX_TEST_CARDS: readonly TestCard[] = Object.freeze([
  card('4242424242424242', 'Visa', 'success'),
  card('4111111111111111', 'Visa', 'success'),
  card('5555555555554444', 'MasterCard', 'success'),
  card('5454545454545454', 'MasterCard', 'success'),
  card('3530111333300000', 'JCB', 'success'),
  card('3566111111111113', 'JCB', 'success'),
  card('378282246310005', 'American Express', 'success'),
  card('6447032400000000001', 'Discover', 'success'),
  card('36021042000004', 'Diners Club', 'success'),
  card('6250947000000006', 'UnionPay', 'success'),
  card('4111111111190016', 'Visa', 'failed_fraud_check'),
  card('5555551111160016', 'MasterCard', 'failed_fraud_check'),
  card('3530111111140016', 'JCB', 'failed_fraud_check'),
  card('4111111111160001', 'Visa', 'invalid_security_code'),
  card('5555551111130001', 'MasterCard', 'invalid_security_code'),
  card('3530111111110001', 'JCB', 'invalid_security_code'),
  card('4111111111140011', 'Visa', 'insufficient_fund'),
  card('5555551111110011', 'MasterCard', 'insufficient_fund'),
  card('3530111111190011', 'JCB', 'insufficient_fund'),
  card('6250947000000014', 'UnionPay', 'insufficient_fund'),
  card('4111111111130012', 'Visa', 'stolen_or_lost_card'),
  card('5555551111100012', 'MasterCard', 'stolen_or_lost_card'),
  card('3530111111180012', 'JCB', 'stolen_or_lost_card'),
  card('6250947000000022', 'UnionPay', 'stolen_or_lost_card'),
  card('4111111111120013', 'Visa', 'failed_processing'),
  card('5555551111190013', 'MasterCard', 'failed_processing'),
  card('3530111111170013', 'JCB', 'failed_processing'),
  card('377138160000009', 'American Express', 'failed_processing'),
  card('6447032400001111005', 'Discover', 'failed_processing'),
  card('36021042111108', 'Diners Club', 'failed_processing'),
  card('6250947000000030', 'UnionPay', 'failed_processing'),
  card('4111111111110014', 'Visa', 'payment_rejected'),
  card('5555551111180014', 'MasterCard', 'payment_rejected'),
  card('3530111111160014', 'JCB', 'payment_rejected'),
  card('4111111111180017', 'Visa', 'invalid_account_number'),
  card('5555551111150017', 'MasterCard', 'invalid_account_number'),
  card('3530111111130017', 'JCB', 'invalid_account_number'),
]);

const TEST_CARDS_BY_NUMBER = new Map(SANDBOX_TEST_CARDS.map((test) => [test.number, test]));

export function testCardOutcome(number: string): TestCardOutcome | null {
  return TEST_CARDS_BY_NUMBER.get(number)?.outcome ?? null;
}

// IIN ranges and lengths per brand; order matters where ranges nest (Discover's 65 before UnionPay's 62 is
// disjoint, but Diners' 36 must not fall to a later, broader rule).
const BRAND_RULES: readonly { brand: Brand; prefix: RegExp; lengths: readonly number[] }[] = [
  { brand: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { brand: 'Diners Club', prefix: /^3(?:0[0-5]|095|[689])/, lengths: [14, 15, 16, 17, 18, 19] },
  { brand: 'JCB', prefix: /^35(?:2[89]|[3-8])/, lengths: [16, 17, 18, 19] },
  { brand: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { brand: 'MasterCard', prefix: /^(?:5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/, lengths: [16] },
  { brand: 'Discover', prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { brand: 'UnionPay', prefix: /^62/, lengths: [16, 17, 18, 19] },
];

/** The brand a number's prefix belongs to, or null when Omise would say "brand not supported (unknown)". */
export function detectBrand(digits: string): Brand | null {
  return BRAND_RULES.find((rule) => rule.prefix.test(digits))?.brand ?? null;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** A number Omise would accept: digits only, Luhn-valid, a length its brand issues. */
export function numberValid(digits: string, brand: Brand | null): boolean {
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) return false;
  const rule = BRAND_RULES.find((candidate) => candidate.brand === brand);
  return rule === undefined || rule.lengths.includes(digits.length);
}

/** Omise strips spaces and dashes from numbers (elixir `token.ex`). */
export function normaliseNumber(number: string): string {
  return number.replace(/[\s-]/g, '');
}

// A constant salt keeps fingerprints stable across restarts, as Omise's are per card.
const FINGERPRINT_SALT = 'omise-signup-sandbox/fingerprint/v1';

/** Same card number ⇒ same fingerprint; base64 like Omise's (`6Dg5ncsS…McE=`). */
export function fingerprint(digits: string): string {
  return createHash('sha256').update(FINGERPRINT_SALT).update(digits).digest('base64');
}
