import integrity from 'virtual:omise-signup/locale-integrity';
import { injectScript, scriptBase } from '../script.ts';
import type { Messages } from './en.ts';

// The script-tag build's stand-in for load.ts: each locale is a sibling file,
// omise-signup.th.js, that registers itself here (vite.config.ts writes them).
declare global {
  interface Window {
    OmiseSignupLocales?: Partial<Record<string, Messages>>;
  }
}

export async function importLocale(locale: 'th' | 'ja'): Promise<Messages> {
  const registered = () => window.OmiseSignupLocales?.[locale];
  if (!registered()) {
    await injectScript(new URL(`omise-signup.${locale}.js`, scriptBase ?? location.href).href, {
      integrity: integrity[locale],
    });
  }
  const messages = registered();
  if (!messages) throw new Error(`omise-signup.${locale}.js did not register`);
  return messages;
}
