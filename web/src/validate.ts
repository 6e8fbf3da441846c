import { holdsCardNumber } from './card.ts';
import type { FieldName } from './errors.ts';
import type { Messages } from './i18n/index.ts';

/** `required` collects a card, `optional` lets the shopper leave all card fields empty, `none` hides them. */
export type CardMode = 'required' | 'optional' | 'none';

/** The widget's own fields as typed; the card fields are checked where they live (card-rules.ts). */
export interface FormValues {
  email: string;
  description: string;
}

export const EMPTY_VALUES: FormValues = { email: '', description: '' };

/** The widget's own fields, in form order. */
export const FORM_FIELDS = ['email', 'description'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** Every field a message can be attached to, in form order: focus goes to the first at fault. */
export const FIELD_ORDER: readonly FieldName[] = [...FORM_FIELDS, 'name', 'number', 'expiry', 'securityCode'];

// Mirrors EMAIL_MAX_LENGTH / DESCRIPTION_MAX_LENGTH in shared's contract, which imports zod;
// a test keeps the numbers equal.
export const EMAIL_MAX = 254;
export const DESCRIPTION_MAX = 255;

// Deliberately loose: one @, no spaces, a dot in the domain. The proxy has the final word.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * The message for one of the widget's own fields, or null when it is fine. A preset description
 * is the merchant's, so it is not checked.
 */
export function validateField(field: FormField, values: FormValues, presetDescription: boolean, t: Messages) {
  if (field === 'email') {
    const email = values.email.trim();
    if (!email) return t.emailRequired;
    // The proxy refuses a card number anywhere (`x4242…@example.com` too): say so here first.
    if (holdsCardNumber(email)) return t.descriptionHasCard;
    return email.length <= EMAIL_MAX && EMAIL.test(email) ? null : t.emailInvalid;
  }
  if (presetDescription) return null;
  if (values.description.length > DESCRIPTION_MAX) return t.descriptionTooLong;
  // Card numbers go to Omise only: never let one travel to the merchant's server in here.
  return holdsCardNumber(values.description) ? t.descriptionHasCard : null;
}
