import { findCardNumber } from '@omise-signup/shared';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

const CARD_MASK = '[card number removed]';
const KEY_PATTERN = /\b[sp]key_(?:test_)?[0-9a-z]+/gi;

/** Removes card numbers and Omise keys from a string; cheap when there is nothing to remove. */
export function scrub(text: string): string {
  let out = text.replace(KEY_PATTERN, (key) => `${key.slice(0, 4)}_[redacted]`);
  for (let digits = findCardNumber(out); digits !== null; digits = findCardNumber(out)) {
    // Replace the number however it was grouped: walk the text and drop the digit run.
    const pattern = new RegExp(digits.split('').join('[ -]?'));
    const next = out.replace(pattern, CARD_MASK);
    if (next === out) break;
    out = next;
  }
  return out;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message) };
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}

/**
 * JSON lines with pino. Authorization and cookies are redacted by path, and every string in
 * every line is scrubbed of card numbers and Omise keys, whatever field it hides in.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'auth', 'secretKey'],
        censor: '[redacted]',
      },
      formatters: { log: (object) => scrubValue(object, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
    },
    destination,
  );
}
