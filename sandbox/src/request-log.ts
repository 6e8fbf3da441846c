import { CARD_NUMBER_MASK, findCardNumber, maskCardNumbers } from '@omise-signup/shared';
import type { BasicAuth } from './auth.ts';
import type { Params } from './body.ts';
import type { Target } from './faults.ts';

/** One request as a listener received it, for tests to assert exactly what a client sent. */
export interface LoggedRequest {
  id: string;
  at: string;
  target: Target;
  method: string;
  /** As sent; decoded, with each card number masked, when it holds one. */
  path: string;
  query: Params;
  /** Lowercased, without Authorization; a value holding a card number is dropped. */
  headers: Record<string, string | string[]>;
  /** The decoded Basic credentials: the key is the user. */
  auth: BasicAuth | null;
  contentType: string | null;
  /** Parsed (JSON or form, brackets expanded), card number and security code masked; null when empty or unreadable. */
  body: Params | null;
  /** The status answered, or null while pending or when the connection was reset or hung. */
  status: number | null;
}

export interface RequestFilter {
  target?: string;
  method?: string;
  path?: string;
}

/** Oldest entries go first once the log is this long, so a long demo or benchmark stays bounded. */
export const MAX_LOGGED_REQUESTS = 5000;

const HIDDEN_HEADERS = new Set(['authorization', 'proxy-authorization']);

const withoutCardNumber = (text: string) => (findCardNumber(text) === null ? text : CARD_NUMBER_MASK);

export function loggableHeaders(headers: Record<string, string | string[] | undefined>) {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HIDDEN_HEADERS.has(name.toLowerCase())) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(withoutCardNumber) : withoutCardNumber(value);
  }
  return out;
}

/** The request path as sent, unless it holds a card number (percent-encoded or not): then decoded and masked. */
export function loggablePath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: the raw path is all there is to check.
  }
  return findCardNumber(decoded) === null ? path : maskCardNumbers(decoded);
}

/** Stars all but the last four digits, in whatever script they were written. */
function maskNumber(value: string): string {
  const digits = value.normalize('NFKC').match(/\p{Nd}/gu) ?? [];
  const kept = digits.length <= 4 ? [] : digits.slice(-4);
  return '*'.repeat(digits.length - kept.length) + kept.join('');
}

/**
 * Keeps card data out of the log, as a PCI-minded service must: `card[number]` keeps its last four
 * digits, `security_code` is starred, and any other string (or key) holding a card number is
 * dropped. The finder is shared's: any digit script, any separator, next to letters or not.
 */
export function maskCardData(value: unknown, key = '', parent = '', depth = 0): unknown {
  if (depth > 32) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => maskCardData(item, key, parent, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [withoutCardNumber(k), maskCardData(v, k, key, depth + 1)]),
    );
  }
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const text = String(value);
  if (key === 'security_code') return '*'.repeat(text.length);
  if (key === 'number' && parent === 'card') return maskNumber(text);
  return findCardNumber(text) === null ? value : CARD_NUMBER_MASK;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private nextId = 1;

  add(entry: Omit<LoggedRequest, 'id' | 'status'>): LoggedRequest {
    const logged: LoggedRequest = { id: `req_${this.nextId++}`, ...entry, status: null };
    this.entries.push(logged);
    if (this.entries.length > MAX_LOGGED_REQUESTS) this.entries.shift();
    return logged;
  }

  list(filter: RequestFilter = {}): LoggedRequest[] {
    return this.entries.filter(
      (entry) =>
        (filter.target === undefined || entry.target === filter.target) &&
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || entry.path.startsWith(filter.path)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
