import type { SignupError } from './errors.ts';
import type { SignupCustomer } from './response.ts';
import type { CardMode } from './validate.ts';

export type { CardMode };
export type Theme = 'auto' | 'light' | 'dark';

/** Tokenizing normally takes well under a second; Omise.js itself would wait 30 s. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 20_000;

/**
 * Settings shared by `mount()`, the `<SignupForm>` component and (as attributes) the
 * `<omise-signup>` element.
 */
export interface SignupOptions {
  /** Omise public key (`pkey_…`). When it or `omiseJsUrl` is missing, both come from `GET {endpoint}/../config`. */
  publicKey?: string | undefined;
  /** The proxy's create-customer URL. Default `/api/customers`. */
  endpoint?: string | undefined;
  /** Where Omise.js is loaded from, e.g. `https://cdn.omise.co/omise.js`. */
  omiseJsUrl?: string | undefined;
  /** `en`, `th` or `ja` (region tags like `th-TH` work). Default: the closest `lang` on the page, else `en`. */
  locale?: string | undefined;
  /** `required` (default), `optional` or `none`. */
  card?: CardMode | undefined;
  /** A preset description: hides the Description field and sends this value. */
  description?: string | undefined;
  /** `auto` (default) follows `prefers-color-scheme`; `light` or `dark` force one. */
  theme?: Theme | undefined;
  /** How long to wait for Omise.js to load and for Omise to answer a token request. Default 20 000 ms. */
  tokenTimeoutMs?: number | undefined;
  /** Disables every field and button, as a disabled form control is (`<omise-signup>` follows its form). */
  disabled?: boolean | undefined;
  /** Called with the created customer. */
  onSuccess?: ((customer: SignupCustomer) => void) | undefined;
  /** Called with each failure the shopper is shown. */
  onError?: ((error: SignupError) => void) | undefined;
}

/** An unknown `card` value falls back to the safe default rather than hiding the card fields. */
export function toCardMode(value: string | null | undefined): CardMode {
  return value === 'optional' || value === 'none' ? value : 'required';
}
