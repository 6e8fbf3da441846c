import type { Params } from './body.ts';
import { badRequest, toSentence } from './omise-error.ts';

const label = (key: string, parent?: string) => (parent ? `${parent}[${key}]` : key);

/** Refuses parameters the endpoint does not take (a typo should fail loudly in a test double). */
export function allowOnly(params: Params, allowed: readonly string[], parent?: string): void {
  const unknown = Object.keys(params).filter((key) => !allowed.includes(key));
  if (unknown.length === 0) return;
  const names = unknown.map((key) => label(key, parent));
  throw badRequest(
    `${toSentence(names)} ${names.length === 1 ? 'is not a valid parameter' : 'are not valid parameters'}`,
  );
}

/** A string parameter, or undefined when absent. JSON numbers count as text where Omise takes digits. */
export function text(params: Params, key: string, options: { parent?: string; numbers?: boolean } = {}) {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (options.numbers && typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw badRequest(`${label(key, options.parent)} must be a ${options.numbers ? 'string or a number' : 'string'}`);
}

/** A nested object parameter (`card[...]`, `metadata[...]`), or undefined when absent. */
export function object(params: Params, key: string, message: string): Params | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Params;
  throw badRequest(message);
}
