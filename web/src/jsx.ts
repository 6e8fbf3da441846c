import type { Locale } from './i18n/index.ts';
import type { CardIsolation, CardMode, Theme } from './options.ts';

/**
 * The attributes of `<omise-signup>`, typed for JSX. `@omise-signup/web/jsx-react` and
 * `@omise-signup/web/jsx-preact` add them to each framework's intrinsic elements.
 */
export interface OmiseSignupAttributes {
  /** Omise public key, `pkey_…`; without it the widget asks the proxy's `/config`. */
  'public-key'?: string | undefined;
  /** The proxy's create-customer URL. Default `/api/customers`. */
  endpoint?: string | undefined;
  /** Where Omise.js is loaded from. */
  'omise-js-url'?: string | undefined;
  /** `en`, `th` or `ja`, with or without a region (`th-TH`). Default: the closest `lang`. */
  locale?: Locale | `${Locale}-${string}` | undefined;
  /** `required` (default), `optional` or `none`. */
  card?: CardMode | undefined;
  /** A preset description: hides the Description field and sends this value. */
  description?: string | undefined;
  /** `auto` (default) follows `prefers-color-scheme`. */
  theme?: Theme | undefined;
  /** How long to wait for Omise.js and for a token, in milliseconds. */
  'token-timeout-ms'?: number | `${number}` | undefined;
  /** The card frame page, on another origin than this page; the card fields render there. */
  'card-frame-url'?: string | undefined;
  /** `frame` or `inline` (the card fields in the page, readable by its scripts). Default: `frame` when a frame URL is known. */
  'card-isolation'?: CardIsolation | undefined;
  /** A stylesheet of `@font-face` rules for the card frame. */
  'font-stylesheet'?: string | undefined;
  /** The form field the created customer's id is submitted under. */
  name?: string | undefined;
  /** The page's form may not submit until a customer is created. */
  required?: boolean | undefined;
  /** Disables every field and button. */
  disabled?: boolean | undefined;
}
