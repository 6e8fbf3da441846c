export { type App, type AppDeps, createApp } from './app.ts';
export { canonicalEmail } from './canonical-email.ts';
export { type CardFrameOptions, createCardFrame } from './card-frame.ts';
export { type CardFrameConfig, type Config, ConfigError, loadConfig } from './config.ts';
export { corsAllowlist } from './cors.ts';
export {
  type CustomersRouter,
  type CustomersRouterOptions,
  createCustomersRouter,
  type RouterPublicConfig,
  type ServerCustomerFields,
} from './customers-router/index.ts';
export { isProxyError, ProxyError, type UpstreamOutcome } from './errors.ts';
export {
  type Claim,
  type ClaimResult,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyRecord,
  type IdempotencyStore,
  MemoryIdempotencyStore,
  type StoredResponse,
} from './idempotency.ts';
export { createLogger, type Logger } from './logger.ts';
export { createMetrics, type Metrics } from './metrics.ts';
export {
  type CreateCustomerParams,
  type CustomerPage,
  createOmiseClient,
  type ListCustomersParams,
  type OmiseClient,
  type OmiseClientOptions,
} from './omise-client.ts';
export { createRedis, RedisIdempotencyStore, redisDeps, redisRateLimitStore, redisReady } from './redis-store.ts';
export { type RunningServer, startServer } from './server.ts';
export { answerTransportErrors, type TransportError, transportError } from './transport-errors.ts';
export { type VerifyCustomerOptions, type VerifyCustomerResult, verifyCustomer } from './verify-customer.ts';
