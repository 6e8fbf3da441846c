import { DEFAULT_ENDPOINT } from './api.ts';
import type { SignupError } from './errors.ts';
import { type Locale, pickLocale } from './i18n/index.ts';
import type { SignupCustomer } from './response.ts';
import type { CardMode } from './validate.ts';

export type { CardMode };
export type Theme = 'auto' | 'light' | 'dark';
/** Where the card fields live: in the card frame (another origin), or in the widget itself. */
export type CardIsolation = 'frame' | 'inline';

/** Tokenizing normally takes well under a second; Omise.js itself would wait 30 s. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 20_000;

/**
 * Settings shared by `mount()`, the `<SignupForm>` component and (as attributes) the
 * `<omise-signup>` element.
 */
export interface SignupOptions {
  /** Omise public key (`pkey_…`), for inline card fields. When it or `omiseJsUrl` is missing, both come from `GET {endpoint}/../config`. */
  publicKey?: string | undefined;
  /** The proxy's create-customer URL. Default `/api/customers`. */
  endpoint?: string | undefined;
  /** Where inline card fields load Omise.js from, e.g. `https://cdn.omise.co/omise.js`. */
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
  /**
   * The card frame page, on another origin than this page (`https://card.shop.example/`): the card
   * fields render there, out of reach of this page's scripts. Without it, `GET {endpoint}/../config`
   * may name one (`cardFrameUrl`).
   */
  cardFrameUrl?: string | undefined;
  /**
   * `frame`: the card fields are always in the card frame (never inline, even when no frame URL is
   * known). `inline`: they are in the widget, readable by the page's scripts. Default: `frame`
   * whenever a frame URL is known, else `inline`.
   */
  cardIsolation?: CardIsolation | undefined;
  /** A stylesheet of `@font-face` rules the card frame loads, so `--omise-signup-font` can name a web font there. */
  fontStylesheet?: string | undefined;
  /** Called with the created customer. */
  onSuccess?: ((customer: SignupCustomer) => void) | undefined;
  /** Called with each failure the shopper is shown. */
  onError?: ((error: SignupError) => void) | undefined;
}

/** The options read once, at the element or `mount()` boundary: every value present and valid. */
export interface Settings {
  publicKey: string | undefined;
  endpoint: string;
  omiseJsUrl: string | undefined;
  locale: Locale;
  card: CardMode;
  description: string | undefined;
  theme: Theme;
  tokenTimeoutMs: number;
  disabled: boolean;
  cardFrameUrl: string | undefined;
  cardIsolation: CardIsolation | undefined;
  fontStylesheet: string | undefined;
  onSuccess: ((customer: SignupCustomer) => void) | undefined;
  onError: ((error: SignupError) => void) | undefined;
}

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

/**
 * Reads options (typed by a caller, or attribute strings) into settings. An unknown `card` value
 * falls back to the safe default rather than hiding the card fields; without `locale`, the
 * closest `lang` around `el` picks it.
 */
export function readSettings(options: SignupOptions, el?: Element | null): Settings {
  const timeout = Number(options.tokenTimeoutMs);
  return {
    publicKey: options.publicKey || undefined,
    endpoint: options.endpoint || DEFAULT_ENDPOINT,
    omiseJsUrl: options.omiseJsUrl || undefined,
    locale: pickLocale(options.locale, el ?? (typeof document === 'object' ? document.documentElement : null)),
    card: pick(options.card, ['optional', 'none'] as const) ?? 'required',
    description: options.description ?? undefined,
    theme: pick(options.theme, ['light', 'dark'] as const) ?? 'auto',
    tokenTimeoutMs: timeout > 0 ? timeout : DEFAULT_TOKEN_TIMEOUT_MS,
    disabled: !!options.disabled,
    cardFrameUrl: options.cardFrameUrl || undefined,
    cardIsolation: pick(options.cardIsolation, ['frame', 'inline'] as const),
    fontStylesheet: options.fontStylesheet || undefined,
    onSuccess: options.onSuccess,
    onError: options.onError,
  };
}
