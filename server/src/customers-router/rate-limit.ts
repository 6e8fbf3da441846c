import type { Request, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { canonicalEmail } from '../canonical-email.ts';
import { ProxyError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { contextOf } from './context.ts';

export interface LimitOptions {
  /** Requests allowed per window; 0 turns the limit off (no step at all). */
  max: number;
  windowMs: number;
  store: ((limit: 'ip' | 'email') => Store) | undefined;
  metrics: Metrics | undefined;
}

/** When the limit lets this client in again: express-rate-limit puts it on the request. */
function resetAt(req: Request, windowMs: number): number {
  const info: unknown = Reflect.get(req, 'rateLimit');
  const reset = typeof info === 'object' && info !== null ? Reflect.get(info, 'resetTime') : undefined;
  return reset instanceof Date ? reset.getTime() : Date.now() + windowMs;
}

/**
 * What the email limit counts by: the mailbox the address reaches (`canonicalEmail`), so that
 * `Victim+1@gmail.com` and `vi.ctim@googlemail.com` share one quota; none (not counted) without
 * one. Only the key: the customer keeps the address as typed.
 */
const emailOf = (req: Request) => {
  const email = contextOf(req).input?.email;
  return email ? canonicalEmail(email) : '';
};

/**
 * A limit on creates, per client IP or per email address, answering `rate_limited` with
 * `Retry-After`; undefined when the limit is off.
 */
export function limitStep(limit: 'ip' | 'email', options: LimitOptions): RequestHandler | undefined {
  if (options.max <= 0) return undefined;
  const { windowMs } = options;
  return rateLimit({
    windowMs,
    limit: options.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.store ? { store: options.store(limit) } : {}),
    ...(limit === 'email' ? { keyGenerator: emailOf, skip: (req: Request) => emailOf(req) === '' } : {}),
    handler: (req, _res, next, limiterOptions) => {
      options.metrics?.rateLimited(limit);
      const seconds = Math.max(1, Math.ceil((resetAt(req, windowMs) - Date.now()) / 1000));
      contextOf(req).scope.log?.warn({ limit, max: limiterOptions.limit }, 'rate limit reached');
      next(
        new ProxyError(
          'rate_limited',
          limit === 'ip'
            ? `Too many sign-up attempts from your network. Try again in ${seconds} seconds.`
            : `Too many sign-up attempts for this email address. Try again in ${Math.ceil(seconds / 60)} minutes.`,
          { retryAfterSeconds: seconds },
        ),
      );
    },
    validate: { xForwardedForHeader: false },
  });
}
