import type { Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore as RateLimitRedisStore } from 'rate-limit-redis';
import { ProxyError } from './errors.ts';
import type { ClaimResult, IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency.ts';

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

// Replaces an `unknown` record by a running claim only if it is still that exact record.
const SWAP = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/**
 * Idempotency records in Redis, shared by every instance. A key is claimed with SET NX PX,
 * so of two instances only one ever runs it.
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
    const running = JSON.stringify({ state: 'running', fingerprint } satisfies IdempotencyRecord);
    return this.#run(async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        if ((await this.redis.set(id, running, 'PX', leaseMs, 'NX')) === 'OK')
          return { claimed: true, reconcile: false };
        const raw = await this.redis.get(id);
        if (raw === null) continue; // expired between the two calls: claim again
        const record = JSON.parse(raw) as IdempotencyRecord;
        if (record.state === 'unknown' && record.fingerprint === fingerprint) {
          if ((await this.redis.eval(SWAP, 1, id, raw, running, String(leaseMs))) === 1) {
            return { claimed: true, reconcile: true };
          }
          continue;
        }
        return { claimed: false, record };
      }
      throw new Error('could not claim an idempotency key that keeps changing');
    });
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    const raw = await this.#run(() => this.redis.get(this.prefix + key));
    return raw === null ? undefined : (JSON.parse(raw) as IdempotencyRecord);
  }

  async complete(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    const record: IdempotencyRecord = { state: 'done', fingerprint, response };
    await this.#run(() => this.redis.set(this.prefix + key, JSON.stringify(record), 'PX', ttlMs));
  }

  async markUnknown(key: string, fingerprint: string, ttlMs: number): Promise<void> {
    const record: IdempotencyRecord = { state: 'unknown', fingerprint };
    await this.#run(() => this.redis.set(this.prefix + key, JSON.stringify(record), 'PX', ttlMs));
  }

  async release(key: string): Promise<void> {
    await this.#run(() => this.redis.del(this.prefix + key));
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
