import { defaultCard, parseCustomer, type SignupCustomer } from './response.ts';
import type { FormValues } from './validate.ts';

/**
 * What the browser keeps of the widget in session history (ElementInternals' form state), so Back
 * to the page shows what it showed: the email and description typed, and the created customer.
 * Never a card field: card details stay in the page's memory (or the card frame's) only.
 */
export interface SavedState {
  values: FormValues;
  customer: SignupCustomer | null;
}

const pick = (from: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((key) => key in from).map((key) => [key, from[key]]));

/** The customer cut down to what the result view shows (no metadata: the merchant's server stamps that). */
function slim(customer: SignupCustomer): SignupCustomer {
  const card = defaultCard(customer);
  return {
    ...pick(customer, ['livemode', 'email', 'description', 'default_card', 'created_at']),
    object: 'customer',
    id: customer.id,
    cards: {
      object: 'list',
      data: card ? [pick(card, ['id', 'brand', 'last_digits', 'expiration_month', 'expiration_year'])] : [],
    },
  };
}

export function saveState(values: FormValues, customer: SignupCustomer | null): string {
  return JSON.stringify({
    v: 1,
    email: values.email,
    description: values.description,
    customer: customer && slim(customer),
  });
}

/** The state saved by `saveState`, or null for anything else. */
export function readState(state: unknown): SavedState | null {
  let saved: unknown;
  try {
    saved = typeof state === 'string' ? JSON.parse(state) : null;
  } catch {
    return null;
  }
  const { v, email, description, customer } = (saved ?? {}) as Record<string, unknown>;
  if (v !== 1 || typeof email !== 'string' || typeof description !== 'string') return null;
  return { values: { email, description }, customer: customer ? parseCustomer(customer) : null };
}
