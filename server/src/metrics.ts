import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics, in a registry of their own so several apps can live in one process. */
export interface Metrics {
  registry: Registry;
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  observeUpstream(operation: string, outcome: string, seconds: number): void;
  idempotentReplay(): void;
  reconciliation(result: 'found' | 'not_found' | 'failed'): void;
  rateLimited(limit: 'ip' | 'email'): void;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'omise_signup_http_requests_total',
    help: 'HTTP requests answered, by route, method and status.',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'omise_signup_http_request_duration_seconds',
    help: 'Time to answer an HTTP request.',
    labelNames: ['route', 'method'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upstream = new Counter({
    name: 'omise_signup_upstream_requests_total',
    help: 'Calls to the Omise API, by operation and outcome (ok or our error code).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const upstreamSeconds = new Histogram({
    name: 'omise_signup_upstream_duration_seconds',
    help: 'Time an Omise API call took.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const replays = new Counter({
    name: 'omise_signup_idempotent_replays_total',
    help: 'Requests answered from the idempotency store instead of calling Omise.',
    registers: [registry],
  });
  const reconciliations = new Counter({
    name: 'omise_signup_reconciliations_total',
    help: 'Look-ups for a customer whose create had an unknown outcome, by result.',
    labelNames: ['result'],
    registers: [registry],
  });
  const limited = new Counter({
    name: 'omise_signup_rate_limited_total',
    help: 'Requests refused by a rate limit, by limit.',
    labelNames: ['limit'],
    registers: [registry],
  });
  return {
    registry,
    observeRequest(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      requestSeconds.observe({ route, method }, seconds);
    },
    observeUpstream(operation, outcome, seconds) {
      upstream.inc({ operation, outcome });
      upstreamSeconds.observe({ operation }, seconds);
    },
    idempotentReplay: () => replays.inc(),
    reconciliation: (result) => reconciliations.inc({ result }),
    rateLimited: (limit) => limited.inc({ limit }),
  };
}
