import { maskCardNumbers } from '@omise-signup/shared';
import type { RequestHandler } from 'express';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { openScope } from './request-scope.ts';

const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Opens each request's scope (its id, returned in `X-Request-Id`, and a logger that stamps it on
 * every line), counts it in the metrics, and writes one JSON line when the answer is sent:
 * method, path, status, latency and upstream latency. Hand-written rather than pino-http: the
 * profile put pino-http's wrapping and serializers at a tenth of the proxy's CPU.
 */
export function requestContext(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const scope = openScope(req, res, logger);
    const done = (aborted: boolean) => {
      const seconds = (performance.now() - started) / 1000;
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      metrics.observeRequest(route, req.method, aborted ? 499 : res.statusCode, seconds);
      // Paths are logged short: a client chooses them, up to 16 KB of them. A long one is masked
      // before it is cut, so that no cut leaves a card number's digits the line's scrub cannot see.
      const fullPath = req.originalUrl.split('?')[0] ?? '';
      const path = fullPath.length > 512 ? maskCardNumbers(fullPath).slice(0, 512) : fullPath;
      if (QUIET.has(path)) return;
      const upstream = scope.upstreamMs;
      const line = {
        request_id: scope.id,
        req: { method: req.method, path },
        res: { status: aborted ? null : res.statusCode },
        latency_ms: Math.round(seconds * 10_000) / 10,
        ...(upstream.length ? { upstream_ms: Math.round(upstream.reduce((a, b) => a + b, 0) * 10) / 10 } : {}),
      };
      if (aborted) logger.warn(line, 'request aborted by the client');
      else if (res.statusCode >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    };
    res.once('finish', () => done(false));
    res.once('close', () => {
      if (!res.writableFinished) done(true);
    });
    next();
  };
}
