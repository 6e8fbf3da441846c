import type { Failure, FieldName } from './errors.ts';
import { injectScript } from './script.ts';

/**
 * Tokenizes a card with Omise.js (`Omise.setPublicKey`, `Omise.createToken('card', …)`), loaded
 * from a URL: Omise's CDN in production, the sandbox's compatible `/omise.js` in tests. Omise.js
 * calls back `(statusCode, response)`: 200 and a token, an error object, or `(0, rpc_error)` when
 * its vault did not answer within 30 s.
 */

export interface OmiseCard {
  name: string;
  number: string;
  expiration_month: number;
  expiration_year: number;
  security_code: string;
}

/** What Omise.js passes to the callback: a token on 200, an Omise error object otherwise. */
export interface OmiseResponse {
  id?: string;
  code?: string;
  message?: string;
}

/** The part of `window.Omise` the widget uses. */
export interface OmiseJs {
  setPublicKey(key: string): unknown;
  createToken(type: 'card', card: OmiseCard, callback: (statusCode: number, response: OmiseResponse) => void): void;
}

declare global {
  interface Window {
    Omise?: OmiseJs;
  }
}

/** Thrown by the tokenizer; carries the failure to show. */
export class TokenizeError extends Error {
  override readonly name = 'TokenizeError';
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

/** Matches on `name` too: `instanceof` fails across realms and duplicated bundles. */
export const isTokenizeError = (error: unknown): error is TokenizeError =>
  error instanceof TokenizeError || (error as { name?: unknown } | null)?.name === 'TokenizeError';

/** Loads a classic script by URL; tests pass a fake. */
export type ScriptLoader = (url: string) => Promise<void>;

/** Omise.js without credentials, like the token requests the sandbox's stand-in makes (script.ts). */
const loadAnonymously: ScriptLoader = (url) => injectScript(url, { anonymous: true });

const loads = new Map<string, Promise<OmiseJs>>();

/**
 * Loads Omise.js from `url` once per URL. A failed or timed-out load is forgotten, so the next
 * call tries again (a page that went offline for a moment recovers without a reload).
 */
export function loadOmise(url: string, timeoutMs: number, load: ScriptLoader = loadAnonymously): Promise<OmiseJs> {
  let pending = loads.get(url);
  if (!pending) {
    pending = withTimeout(load(url), timeoutMs).then(() => {
      const omise = window.Omise;
      if (typeof omise?.createToken !== 'function') throw new Error(`${url} did not define window.Omise`);
      return omise;
    });
    loads.set(url, pending);
    pending.catch(() => loads.delete(url));
  }
  return pending.catch(() => {
    throw new TokenizeError({ code: 'omise_js_unavailable' });
  });
}

/** Forgets every load; for tests. */
export function resetOmiseLoads(): void {
  loads.clear();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export interface TokenizeOptions {
  publicKey: string;
  omiseJsUrl: string;
  /** How long to wait for Omise.js to load and for the vault to answer, each. */
  timeoutMs: number;
  loadScript?: ScriptLoader;
}

/** Creates a card token and resolves its id (`tokn_…`), or rejects with a `TokenizeError`. */
export async function createToken(card: OmiseCard, options: TokenizeOptions): Promise<string> {
  const omise = await loadOmise(options.omiseJsUrl, options.timeoutMs, options.loadScript);
  return new Promise((resolve, reject) => {
    // Omise.js waits 30 s for its vault before giving up; a shopper should not.
    const timer = setTimeout(() => reject(new TokenizeError({ code: 'token_timeout' })), options.timeoutMs);
    const settle = (statusCode: number, response: OmiseResponse) => {
      clearTimeout(timer);
      if (statusCode === 200 && typeof response?.id === 'string') resolve(response.id);
      else reject(new TokenizeError(vaultFailure(response)));
    };
    try {
      omise.setPublicKey(options.publicKey);
      omise.createToken('card', card, settle);
    } catch {
      clearTimeout(timer);
      reject(new TokenizeError({ code: 'token_failed' }));
    }
  });
}

// Omise's invalid_card messages name the attribute: "number is invalid and brand not
// supported (unknown)", "expiration date cannot be in the past", "name can't be blank".
const FIELD_WORDS: [RegExp, FieldName][] = [
  [/\b(number|brand)\b/i, 'number'],
  [/\bexpiration\b/i, 'expiry'],
  [/\bname\b/i, 'name'],
  [/\bsecurity code\b/i, 'securityCode'],
];

/** Turns the vault's error into the fields it concerns. */
export function vaultFailure(response: OmiseResponse | null | undefined): Failure {
  const code = response?.code;
  if (code === 'failed_fraud_check') return { code: 'invalid_card', fields: ['number'] };
  if (code !== 'invalid_card') return { code: 'token_failed' };
  const message = response?.message ?? '';
  const fields = FIELD_WORDS.filter(([words]) => words.test(message)).map(([, field]) => field);
  return { code: 'invalid_card', fields: fields.length ? fields : ['number'] };
}
