import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A finished answer, replayed as it was to a repeat with the same key and body. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyRecord =
  /** Claimed by `owner` until `leaseUntil` (epoch ms); after that its outcome counts as unknown. */
  | { state: 'running'; fingerprint: string; owner: string; leaseUntil: number; since?: number }
  | { state: 'done'; fingerprint: string; response: StoredResponse }
  /** The create went out but its answer was lost: a repeat must look before creating again. */
  | { state: 'unknown'; fingerprint: string; since?: number };

/**
 * A key held by one request. `since` (epoch ms, this machine's clock) is when the earliest
 * attempt with this key started that may have created a customer: a reconciliation looks at
 * customers created from then on. Records written before `since` existed count from a day ago.
 */
export interface Claim {
  key: string;
  owner: string;
  fingerprint: string;
  since: number;
  /** An earlier attempt may have created the customer: look for it before creating. */
  reconcile: boolean;
}

export type ClaimResult = { claimed: true; claim: Claim } | { claimed: false; record: IdempotencyRecord };

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
  /** Stores the final answer for `ttlMs`, if the claim is still held. */
  complete(claim: Claim, response: StoredResponse, ttlMs: number): Promise<boolean>;
  /** Marks the outcome as unknown for `ttlMs` (keeping `since`), if the claim is still held. */
  markUnknown(claim: Claim, ttlMs: number): Promise<boolean>;
  /** Extends the lease to `leaseMs` from now, if the claim is still held: false when it was lost. */
  renew(claim: Claim, leaseMs: number): Promise<boolean>;
  /** Frees the key (the attempt may safely run again), if the claim is still held. */
  release(claim: Claim): Promise<boolean>;
  /** Resolves when the store can be used (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The records a claim writes: running while it holds the key, unknown when its answer was lost. */
export function runningRecord(claim: Claim, leaseMs: number, now = Date.now()): IdempotencyRecord {
  return {
    state: 'running',
    fingerprint: claim.fingerprint,
    owner: claim.owner,
    leaseUntil: now + leaseMs,
    since: claim.since,
  };
}

export function unknownRecord(claim: Claim): IdempotencyRecord {
  return { state: 'unknown', fingerprint: claim.fingerprint, since: claim.since };
}

/** A new claim on a free key (no record) or on a record it may take over (see `canTakeOver`). */
export function newClaim(key: string, record: IdempotencyRecord | undefined, fingerprint: string, now: number): Claim {
  if (record === undefined) return { key, owner: randomUUID(), fingerprint, since: now, reconcile: false };
  const since = 'since' in record && record.since !== undefined ? record.since : now - IDEMPOTENCY_TTL_MS;
  return { key, owner: randomUUID(), fingerprint, since, reconcile: true };
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
    if (record !== undefined && !canTakeOver(record, fingerprint, now)) return { claimed: false, record };
    const claim = newClaim(key, record, fingerprint, now);
    this.#write(key, runningRecord(claim, leaseMs, now), IDEMPOTENCY_TTL_MS);
    return { claimed: true, claim };
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return this.#read(key);
  }

  #holds(claim: Claim): boolean {
    const record = this.#read(claim.key);
    return record?.state === 'running' && record.owner === claim.owner;
  }

  async complete(claim: Claim, response: StoredResponse, ttlMs: number) {
    if (!this.#holds(claim)) return false;
    this.#write(claim.key, { state: 'done', fingerprint: claim.fingerprint, response }, ttlMs);
    return true;
  }

  async markUnknown(claim: Claim, ttlMs: number) {
    if (!this.#holds(claim)) return false;
    this.#write(claim.key, unknownRecord(claim), ttlMs);
    return true;
  }

  async renew(claim: Claim, leaseMs: number) {
    if (!this.#holds(claim)) return false;
    this.#write(claim.key, runningRecord(claim, leaseMs), IDEMPOTENCY_TTL_MS);
    return true;
  }

  async release(claim: Claim) {
    if (!this.#holds(claim)) return false;
    this.#records.delete(claim.key);
    return true;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#records.clear();
  }
}
