import { ERRORS, type ErrorCode, type FieldError } from '@omise-signup/shared';

/** What is known about whether an upstream create reached Omise when it failed. */
export type UpstreamOutcome = 'not_sent' | 'refused' | 'unknown';

/**
 * The one error type the proxy throws on purpose: a code from the closed list in shared,
 * a message a person can act on, and for upstream failures what happened to the request.
 */
export class ProxyError extends Error {
  override name = 'ProxyError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      fields?: FieldError[];
      outcome?: UpstreamOutcome;
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.status = ERRORS[code].status;
  }
  get fields() {
    return this.extra.fields;
  }
  get outcome() {
    return this.extra.outcome;
  }
}

/** Matches on `name` too: `instanceof` fails across realms and duplicated packages. */
export function isProxyError(error: unknown): error is ProxyError {
  return error instanceof ProxyError || (error instanceof Error && error.name === 'ProxyError' && 'code' in error);
}
