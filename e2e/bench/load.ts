import { randomUUID } from 'node:crypto';
import http from 'node:http';
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

/**
 * Requests at a fixed rate with sub-millisecond timing (autocannon's histogram counts whole
 * milliseconds, too coarse for a proxy that adds about one): p50 and p99 in ms.
 */
export async function paced(options: {
  url: string;
  path: string;
  headers?: Record<string, string>;
  rate: number;
  seconds: number;
  idempotencyKeys?: boolean;
}): Promise<{ p50_ms: number; p99_ms: number; requests: number; failures: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  const target = new URL(options.path, options.url);
  const latencies: number[] = [];
  let failures = 0;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = process.hrtime.bigint();
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(BODY),
            ...options.headers,
            ...(options.idempotencyKeys ? { 'idempotency-key': randomUUID() } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if ((res.statusCode ?? 0) >= 300) {
              failures += 1;
              console.error(`paced: ${target.href} answered ${res.statusCode}`);
            }
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            resolve();
          });
        },
      );
      req.on('error', (error) => {
        failures += 1;
        console.error(`paced: ${target.href} failed: ${error.message}`);
        resolve();
      });
      req.end(BODY);
    });
  const total = options.rate * options.seconds;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(once());
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 100) / 100;
  return { p50_ms: at(0.5), p99_ms: at(0.99), requests: latencies.length, failures };
}
