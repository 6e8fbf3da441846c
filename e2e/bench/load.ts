import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  path: string;
  headers?: Record<string, string>;
  connections?: number;
  seconds?: number;
  /** Requests per second across all connections; unlimited when omitted. */
  rate?: number;
  /** Stop after this many requests instead of after `seconds`. */
  amount?: number;
  /** A fresh Idempotency-Key per request, as the widget sends. */
  idempotencyKeys?: boolean;
}

const BODY = JSON.stringify({ email: 'bench@example.com', description: 'benchmark' });

/** Loopback load with autocannon: fixed connections, bounded by time or count. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 10,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json', ...options.headers },
        body: BODY,
        ...(options.idempotencyKeys
          ? {
              setupRequest: (request: Record<string, unknown>) => ({
                ...request,
                headers: { ...(request.headers as object), 'idempotency-key': randomUUID() },
              }),
            }
          : {}),
      },
    ],
  } as autocannon.Options);
  return {
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
