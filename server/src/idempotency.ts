import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A finished answer, replayed as it was to a repeat with the same key and body. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyRecord =
  /** Claimed by `owner` until `leaseUntil` (epoch ms); after that its outcome counts as unknown. */
  | { state: 'running'; fingerprint: string; owner: string; leaseUntil: number }
  | { state: 'done'; fingerprint: string; response: StoredResponse }
  /** The create went out but its answer was lost: a repeat must look before creating again. */
  | { state: 'unknown'; fingerprint: string };

export type ClaimResult =
  /** `reconcile`: an earlier attempt may have created the customer; look for it first. */
  { claimed: true; owner: string; reconcile: boolean } | { claimed: false; record: IdempotencyRecord };

/**
 * Where idempotency records live: memory for one instance, Redis for many. `claim` is atomic:
 * of any number of callers with one key, exactly one gets `claimed: true`. A claim whose lease
 * ran out (its instance died, or it outlived the lease) is taken over with `reconcile`, never as
 * a fresh start. Writes are fenced by the owner: a request that lost its claim writes nothing.
 */
export interface IdempotencyStore {
  /** Claims `key` when it is free, or when its last attempt ended unknown or its lease ran out. */
  claim(key: string, fingerprint: string, leaseMs: number): Promise<ClaimResult>;
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the final answer for `ttlMs`, if `owner` still holds the claim. */
  complete(key: string, owner: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<boolean>;
  /** Marks the outcome as unknown for `ttlMs`, if `owner` still holds the claim. */
  markUnknown(key: string, owner: string, fingerprint: string, ttlMs: number): Promise<boolean>;
  /** Frees the key (the attempt may safely run again), if `owner` still holds the claim. */
  release(key: string, owner: string): Promise<boolean>;
  /** Resolves when the store can be used (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** True when a repeat with `fingerprint` may take `record` over (and must reconcile first). */
export function canTakeOver(record: IdempotencyRecord, fingerprint: string, now: number): boolean {
  if (record.fingerprint !== fingerprint) return false;
  return record.state === 'unknown' || (record.state === 'running' && record.leaseUntil <= now);
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
    const now = Date.now();
    if (record === undefined || canTakeOver(record, fingerprint, now)) {
      const owner = randomUUID();
      this.#write(key, { state: 'running', fingerprint, owner, leaseUntil: now + leaseMs }, IDEMPOTENCY_TTL_MS);
      return { claimed: true, owner, reconcile: record !== undefined };
    }
    return { claimed: false, record };
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return this.#read(key);
  }

  #owns(key: string, owner: string): boolean {
    const record = this.#read(key);
    return record?.state === 'running' && record.owner === owner;
  }

  async complete(key: string, owner: string, fingerprint: string, response: StoredResponse, ttlMs: number) {
    if (!this.#owns(key, owner)) return false;
    this.#write(key, { state: 'done', fingerprint, response }, ttlMs);
    return true;
  }

  async markUnknown(key: string, owner: string, fingerprint: string, ttlMs: number) {
    if (!this.#owns(key, owner)) return false;
    this.#write(key, { state: 'unknown', fingerprint }, ttlMs);
    return true;
  }

  async release(key: string, owner: string) {
    if (!this.#owns(key, owner)) return false;
    this.#records.delete(key);
    return true;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#records.clear();
  }
}
