import { findCardNumber, maskCardNumbers } from '@omise-signup/shared';
import type { RequestHandler } from 'express';
import { ProxyError } from './errors.ts';
import { scopeOf } from './request-scope.ts';

/**
 * The host of `origin` when it is a well-formed origin and nothing else (a scheme, a host, a
 * port; no path, no user, no card number), so that echoing it in `Access-Control-Allow-Origin`
 * repeats nothing but an origin.
 */
function hostOf(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.origin === origin && findCardNumber(origin) === null ? url.host : undefined;
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
    const host = hostOf(origin);
    const sameOrigin = host !== undefined && host === req.get('Host');
    if (!sameOrigin && !allowed.has(origin)) {
      // The answer does not repeat the origin (the client's words); the log names it for the operator.
      scopeOf(req)?.log?.warn(
        { origin: maskCardNumbers(origin).slice(0, 256) },
        'refused a request from an origin not allowed',
      );
      return next(
        new ProxyError(
          'forbidden_origin',
          "Requests from this page's origin are not allowed. Add the origin to ALLOWED_ORIGINS on the server.",
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
