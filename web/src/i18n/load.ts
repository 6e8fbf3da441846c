import type { Messages } from './en.ts';

/** Loads a locale other than English. The ESM build splits each into its own chunk. */
export function importLocale(locale: 'th' | 'ja'): Promise<Messages> {
  return locale === 'th' ? import('./th.ts').then((m) => m.th) : import('./ja.ts').then((m) => m.ja);
}
