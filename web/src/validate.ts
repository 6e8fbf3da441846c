import { checkCardNumber, checkExpiry, checkSecurityCode, holdsCardNumber, securityCodeLength } from './card.ts';
import type { FieldName } from './errors.ts';
import { fill, type Messages } from './i18n/index.ts';

/** `required` collects a card, `optional` lets the shopper leave all card fields empty, `none` hides them. */
export type CardMode = 'required' | 'optional' | 'none';

/** The form as typed. The card fields never leave the browser except to Omise. */
export interface FormValues {
  email: string;
  description: string;
  name: string;
  number: string;
  expiry: string;
  securityCode: string;
}

export const EMPTY_VALUES: FormValues = {
  email: '',
  description: '',
  name: '',
  number: '',
  expiry: '',
  securityCode: '',
};

export type FieldErrors = Partial<Record<FieldName, string>>;

export interface Rules {
  card: CardMode;
  /** True when the merchant preset the description, so the field is hidden and not checked. */
  presetDescription: boolean;
}

// Mirrors EMAIL_MAX_LENGTH / DESCRIPTION_MAX_LENGTH in shared's contract, which imports zod;
// a test keeps the numbers equal.
export const EMAIL_MAX = 254;
export const DESCRIPTION_MAX = 255;

// Deliberately loose: one @, no spaces, a dot in the domain. The proxy has the final word.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export const CARD_FIELDS = ['name', 'number', 'expiry', 'securityCode'] as const;
export const FIELD_ORDER: readonly FieldName[] = ['email', 'description', ...CARD_FIELDS];

/** True when the card fields should be checked and a token made. */
export function wantsCard(values: FormValues, rules: Rules): boolean {
  if (rules.card === 'none') return false;
  return rules.card === 'required' || CARD_FIELDS.some((field) => values[field].trim() !== '');
}

/** The message for one field, or null when it is fine. */
export function validateField(field: FieldName, values: FormValues, rules: Rules, t: Messages): string | null {
  switch (field) {
    case 'email': {
      const email = values.email.trim();
      if (!email) return t.emailRequired;
      // The proxy refuses a card number anywhere (`x4242…@example.com` too): say so here first.
      if (holdsCardNumber(email)) return t.descriptionHasCard;
      return email.length <= EMAIL_MAX && EMAIL.test(email) ? null : t.emailInvalid;
    }
    case 'description':
      if (rules.presetDescription) return null;
      if (values.description.length > DESCRIPTION_MAX) return t.descriptionTooLong;
      // Card numbers go to Omise only: never let one travel to the merchant's server in here.
      return holdsCardNumber(values.description) ? t.descriptionHasCard : null;
  }
  if (!wantsCard(values, rules)) return null;
  switch (field) {
    case 'name':
      return values.name.trim() ? null : t.nameRequired;
    case 'number': {
      const problem = checkCardNumber(values.number);
      if (!problem) return null;
      return {
        required: t.numberRequired,
        invalid: t.numberInvalid,
        incomplete: t.numberIncomplete,
        luhn: t.numberLuhn,
      }[problem];
    }
    case 'expiry': {
      const problem = checkExpiry(values.expiry);
      if (!problem) return null;
      return { required: t.expiryRequired, invalid: t.expiryInvalid, past: t.expiryPast, far: t.expiryInvalid }[
        problem
      ];
    }
    case 'securityCode': {
      const problem = checkSecurityCode(values.securityCode, values.number);
      if (!problem) return null;
      if (problem === 'required') return t.securityCodeRequired;
      return fill(t.securityCodeLength, { length: securityCodeLength(values.number) ?? 3 });
    }
  }
}

/** Every field's message, in form order. */
export function validateForm(values: FormValues, rules: Rules, t: Messages): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of FIELD_ORDER) {
    const message = validateField(field, values, rules, t);
    if (message) errors[field] = message;
  }
  return errors;
}
