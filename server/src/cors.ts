import type { RequestHandler } from 'express';
import { ProxyError } from './errors.ts';

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Idempotent-Replayed, Retry-After, RateLimit, RateLimit-Policy';

/**
 * CORS with an allowlist, refusing the rest with 403 `forbidden_origin` instead of leaving
 * the browser to fail silently. No allowlist means same origin only. Hand-written: the `cors`
 * package only omits headers for a refused origin, and we want the error answered.
 */
export function corsAllowlist(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.get('Origin');
    res.vary('Origin');
    if (origin === undefined) return next();
    // Same host is same origin here: behind a TLS-terminating load balancer without TRUST_PROXY,
    // the page is https while this request arrives as http.
    const sameOrigin = hostOf(origin) === req.get('Host');
    if (!sameOrigin && !allowed.has(origin)) {
      return next(
        new ProxyError(
          'forbidden_origin',
          `Requests from ${origin} are not allowed. Add it to ALLOWED_ORIGINS on the server.`,
        ),
      );
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
