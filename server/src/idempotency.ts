import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A finished answer, replayed as it was to a repeat with the same key and body. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyRecord =
  | { state: 'running'; fingerprint: string }
  | { state: 'done'; fingerprint: string; response: StoredResponse }
  /** The create went out but its answer was lost: a repeat must look before creating again. */
  | { state: 'unknown'; fingerprint: string };

export type ClaimResult =
  | { claimed: true /** the previous attempt's outcome was unknown */; reconcile: boolean }
  | { claimed: false; record: IdempotencyRecord };

/**
 * Where idempotency records live: memory for one instance, Redis for many. `claim` is atomic:
 * of any number of callers with one key, exactly one gets `claimed: true`.
 */
export interface IdempotencyStore {
  /** Claims `key` for `leaseMs` when it is free, or when its last attempt ended unknown. */
  claim(key: string, fingerprint: string, leaseMs: number): Promise<ClaimResult>;
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the final answer for `ttlMs`. */
  complete(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** Marks the outcome as unknown for `ttlMs`, so a repeat reconciles instead of creating again. */
  markUnknown(key: string, fingerprint: string, ttlMs: number): Promise<void>;
  /** Frees the key: the attempt ended in a way that is safe to run again. */
  release(key: string): Promise<void>;
  /** Resolves when the store can be used (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Stable across key order, so `{a,b}` and `{b,a}` are the same request. */
export function fingerprint(body: Record<string, unknown>): string {
  const canonical = JSON.stringify(body, Object.keys(body).sort());
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * One instance's store: bounded by a TTL and an entry cap (least recently used goes first),
 * so a flood of distinct keys cannot grow memory without limit.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records: LRUCache<string, IdempotencyRecord>;

  constructor(options: { max?: number } = {}) {
    this.#records = new LRUCache({ max: options.max ?? 50_000, ttlAutopurge: false, ttl: IDEMPOTENCY_TTL_MS });
  }

  get size(): number {
    return this.#records.size;
  }

  async claim(key: string, fingerprint: string, leaseMs: number): Promise<ClaimResult> {
    const record = this.#records.get(key);
    if (record === undefined || (record.state === 'unknown' && record.fingerprint === fingerprint)) {
      this.#records.set(key, { state: 'running', fingerprint }, { ttl: leaseMs });
      return { claimed: true, reconcile: record?.state === 'unknown' };
    }
    return { claimed: false, record };
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return this.#records.get(key);
  }

  async complete(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    this.#records.set(key, { state: 'done', fingerprint, response }, { ttl: ttlMs });
  }

  async markUnknown(key: string, fingerprint: string, ttlMs: number): Promise<void> {
    this.#records.set(key, { state: 'unknown', fingerprint }, { ttl: ttlMs });
  }

  async release(key: string): Promise<void> {
    this.#records.delete(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#records.clear();
  }
}
