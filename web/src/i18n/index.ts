import { en, type Messages } from './en.ts';
import { importLocale } from './load.ts';

export { fill } from './fill.ts';

export type { Messages };
export type Locale = 'en' | 'th' | 'ja';

export const LOCALES: readonly Locale[] = ['en', 'th', 'ja'];

/** `th-TH` → `th`; anything unsupported → null. */
export function toLocale(tag: string | null | undefined): Locale | null {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0] as Locale | undefined;
  return base && LOCALES.includes(base) ? base : null;
}

/** The `locale` option if supported, else the closest `lang` around `el`, else English. */
export function pickLocale(requested: string | null | undefined, el?: Element | null): Locale {
  return toLocale(requested) ?? toLocale(el?.closest('[lang]')?.getAttribute('lang')) ?? 'en';
}

// English ships inside the bundle; Thai and Japanese load on first use (about 1.5 KB gzip each),
// which keeps the script-tag bundle inside its 16 KB budget.
const loaded: Partial<Record<Locale, Messages>> = { en };
const loading = new Map<Locale, Promise<Messages>>();

/** The messages for `locale` if already loaded, else null (call `loadMessages`). */
export function messagesFor(locale: Locale): Messages | null {
  return loaded[locale] ?? null;
}

/**
 * Loads `locale` once. A locale that fails to load falls back to English for this page view,
 * so the form always works; the failure is logged for the merchant.
 */
export function loadMessages(locale: Locale): Promise<Messages> {
  const ready = loaded[locale];
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(locale);
  if (!pending) {
    pending = importLocale(locale as 'th' | 'ja')
      .catch((error: unknown) => {
        console.warn(`omise-signup: locale "${locale}" did not load; using English.`, error);
        return en;
      })
      .then((messages) => {
        loaded[locale] = messages;
        return messages;
      });
    loading.set(locale, pending);
  }
  return pending;
}
