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
 * One instance's store, bounded by a TTL and by bytes (least recently used goes first), so a
 * flood of distinct keys cannot grow memory without limit. Records are kept serialized: a
 * customer as a JSON string takes a fraction of the memory of the object, and its size is known.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records: LRUCache<string, string>;

  constructor(options: { maxBytes?: number } = {}) {
    this.#records = new LRUCache<string, string>({
      maxSize: options.maxBytes ?? 32 * 1024 * 1024,
      sizeCalculation: (value, key) => value.length + key.length,
      ttl: IDEMPOTENCY_TTL_MS,
      ttlAutopurge: false,
    });
  }

  get size(): number {
    return this.#records.size;
  }

  #read(key: string): IdempotencyRecord | undefined {
    const raw = this.#records.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as IdempotencyRecord);
  }

  #write(key: string, record: IdempotencyRecord, ttl: number): void {
    this.#records.set(key, JSON.stringify(record), { ttl });
  }

  async claim(key: string, fingerprint: string, leaseMs: number): Promise<ClaimResult> {
    const record = this.#read(key);
    if (record === undefined || (record.state === 'unknown' && record.fingerprint === fingerprint)) {
      this.#write(key, { state: 'running', fingerprint }, leaseMs);
      return { claimed: true, reconcile: record?.state === 'unknown' };
    }
    return { claimed: false, record };
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return this.#read(key);
  }

  async complete(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    this.#write(key, { state: 'done', fingerprint, response }, ttlMs);
  }

  async markUnknown(key: string, fingerprint: string, ttlMs: number): Promise<void> {
    this.#write(key, { state: 'unknown', fingerprint }, ttlMs);
  }

  async release(key: string): Promise<void> {
    this.#records.delete(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#records.clear();
  }
}
