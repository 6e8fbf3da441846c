import { ConfigError, loadConfig } from './config.ts';
import { createRedis, redisDeps, redisReady } from './redis-store.ts';
import { startServer } from './server.ts';

// The only place that reads process.env and listens.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}

// With REDIS_URL, idempotency and rate limits are shared by every instance; without, memory.
const redis = config.redisUrl ? createRedis(config.redisUrl) : undefined;
redis?.on('error', () => {}); // reported by /readyz and as store_unavailable, not as a crash
if (redis) {
  // Start anyway when Redis is late: /readyz says not ready and creates answer store_unavailable.
  await redisReady(redis).catch((error: Error) => console.error(`${error.message}; starting without it for now.`));
}
const running = await startServer(config, redis ? redisDeps(redis) : {});
const { logger } = running.app.locals;
logger.info(
  {
    url: running.url,
    upstream: config.apiUrl,
    livemode: config.livemode,
    store: redis ? 'redis' : 'memory',
    demo: Boolean(config.staticDir),
  },
  'omise-signup proxy listening',
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await running.close();
    redis?.disconnect();
    logger.info('stopped');
    process.exit(0);
  });
}
