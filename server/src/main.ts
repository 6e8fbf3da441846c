import { ConfigError, loadConfig } from './config.ts';
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

const running = await startServer(config);
const { logger } = running.app.locals;
logger.info(
  { url: running.url, upstream: config.apiUrl, livemode: config.livemode, demo: Boolean(config.staticDir) },
  'omise-signup proxy listening',
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await running.close();
    logger.info('stopped');
    process.exit(0);
  });
}
