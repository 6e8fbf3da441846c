import type { Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore as RateLimitRedisStore } from 'rate-limit-redis';
import { ProxyError } from './errors.ts';
import {
  type Claim,
  type ClaimResult,
  canTakeOver,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyRecord,
  type IdempotencyStore,
  newClaim,
  runningRecord,
  type StoredResponse,
  unknownRecord,
} from './idempotency.ts';

const UNAVAILABLE = 'Sign-up is briefly unavailable. Try again in a moment.';

function unavailable(cause: unknown): ProxyError {
  return new ProxyError('store_unavailable', UNAVAILABLE, { cause, retryAfterSeconds: 5 });
}

/**
 * A Redis client that fails fast: with Redis down, a request gets `store_unavailable` now,
 * not after a queue of retries. Reconnects in the background.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
}

/** Resolves when the client is connected, or rejects after `timeoutMs`. */
export function redisReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

// Replaces a record by a new claim only if it is still that exact record (compare and set).
const SWAP = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

// Writes (or deletes, when ARGV[2] is empty) only while ARGV[1] still owns the running claim,
// so a request that lost its claim can never overwrite the request that took it over.
const FENCED = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, record = pcall(cjson.decode, raw)
if not ok or record.state ~= 'running' or record.owner ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;

/**
 * Idempotency records in Redis, shared by every instance. A key is claimed with SET NX PX, so
 * of two instances only one ever runs it; a stale claim is taken over with a compare-and-set.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'omise-signup:idem:',
  ) {}

  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw unavailable(error);
    }
  }

  async claim(key: string, fingerprint: string, leaseMs: number): Promise<ClaimResult> {
    const id = this.prefix + key;
    return this.#run(async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const now = Date.now();
        const fresh = newClaim(key, undefined, fingerprint, now);
        if (
          (await this.redis.set(
            id,
            JSON.stringify(runningRecord(fresh, leaseMs, now)),
            'PX',
            IDEMPOTENCY_TTL_MS,
            'NX',
          )) === 'OK'
        ) {
          return { claimed: true, claim: fresh };
        }
        const raw = await this.redis.get(id);
        if (raw === null) continue; // expired between the two calls: claim again
        const record = JSON.parse(raw) as IdempotencyRecord;
        if (!canTakeOver(record, fingerprint, now)) return { claimed: false, record };
        const claim = newClaim(key, record, fingerprint, now);
        const running = JSON.stringify(runningRecord(claim, leaseMs, now));
        if ((await this.redis.eval(SWAP, 1, id, raw, running, String(IDEMPOTENCY_TTL_MS))) === 1) {
          return { claimed: true, claim };
        }
      }
      throw new Error('could not claim an idempotency key that keeps changing');
    });
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    const raw = await this.#run(() => this.redis.get(this.prefix + key));
    return raw === null ? undefined : (JSON.parse(raw) as IdempotencyRecord);
  }

  async #fenced(claim: Claim, record: IdempotencyRecord | null, ttlMs: number): Promise<boolean> {
    const value = record === null ? '' : JSON.stringify(record);
    const id = this.prefix + claim.key;
    const result = await this.#run(() => this.redis.eval(FENCED, 1, id, claim.owner, value, String(ttlMs)));
    return result === 1;
  }

  complete(claim: Claim, response: StoredResponse, ttlMs: number) {
    return this.#fenced(claim, { state: 'done', fingerprint: claim.fingerprint, response }, ttlMs);
  }

  markUnknown(claim: Claim, ttlMs: number) {
    return this.#fenced(claim, unknownRecord(claim), ttlMs);
  }

  renew(claim: Claim, leaseMs: number) {
    return this.#fenced(claim, runningRecord(claim, leaseMs), IDEMPOTENCY_TTL_MS);
  }

  release(claim: Claim) {
    return this.#fenced(claim, null, 0);
  }

  async ping(): Promise<void> {
    try {
      await this.redis.ping();
    } catch {
      throw new Error('redis unreachable');
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/**
 * Rate-limit counters in Redis (rate-limit-redis), one prefix per limit, with Redis errors
 * turned into `store_unavailable` so a refused request says why.
 */
export function redisRateLimitStore(redis: Redis): (limit: 'ip' | 'email') => Store {
  return (limit) => {
    const store = new RateLimitRedisStore({
      prefix: `omise-signup:rl:${limit}:`,
      sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as never,
    });
    // rate-limit-redis loads its Lua scripts once and keeps a rejected load forever; with
    // Redis down at that moment it would never count again. Load them anew after a failure.
    const reload = () => {
      store.incrementScriptSha = store.loadIncrementScript();
      store.getScriptSha = store.loadGetScript();
      // Unawaited until the next request: keep a rejection here from crashing the process.
      store.incrementScriptSha.catch(() => {});
      store.getScriptSha.catch(() => {});
    };
    const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
      try {
        return await operation();
      } catch {
        // Perhaps only the scripts were never loaded: load them and try once more.
        reload();
        try {
          return await operation();
        } catch (error) {
          throw unavailable(error);
        }
      }
    };
    return {
      init: (options) => {
        store.windowMs = options.windowMs;
        reload();
      },
      get: (key) => guard(() => store.get(key)),
      increment: (key) => guard(() => store.increment(key)),
      decrement: (key) => guard(() => store.decrement(key)),
      resetKey: (key) => guard(() => store.resetKey(key)),
      prefix: store.prefix,
    };
  };
}

/** What createApp needs to keep its state in Redis: idempotency, rate limits, readiness. */
export function redisDeps(redis: Redis) {
  const idempotencyStore = new RedisIdempotencyStore(redis);
  return {
    idempotencyStore,
    rateLimitStore: redisRateLimitStore(redis),
    ready: () => idempotencyStore.ping(),
  };
}
