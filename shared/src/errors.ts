/** What the proxy and the widget each decide from an error code; a trait left out is false. */
export interface ErrorTraits {
  /** The HTTP status the proxy answers with. */
  readonly status: number;
  /**
   * Final for an idempotency record: Omise refused the request itself, so a repeat with the same
   * key and body is answered with this same error instead of asking Omise again.
   */
  readonly final?: true;
  /** The shopper may try again: the widget offers "Try again" (with a fresh token when needed). */
  readonly retry?: true;
  /** The card token is spent or was refused: the next attempt must tokenize the card again. */
  readonly freshToken?: true;
}

/**
 * The closed list of error codes the proxy answers with, one row per code: its status and what
 * follows from it. This is the source; the README's "Error codes" table lists them for merchants.
 * The server (idempotency records) and the widget (retry and re-tokenize) both read this table.
 */
export const ERRORS = {
  validation_error: { status: 400 },
  card_data_rejected: { status: 400 },
  bad_request: { status: 400, final: true },
  invalid_card: { status: 400, final: true, freshToken: true },
  used_token: { status: 400, final: true, retry: true, freshToken: true },
  unauthorized: { status: 401 },
  forbidden_origin: { status: 403 },
  verification_failed: { status: 403 },
  not_found: { status: 404, final: true, retry: true, freshToken: true },
  // The client sent its request too slowly (REQUEST_TIMEOUT_MS): the same request again may go through.
  request_timeout: { status: 408, retry: true },
  request_in_progress: { status: 409, retry: true },
  payload_too_large: { status: 413 },
  unsupported_media_type: { status: 415 },
  expectation_failed: { status: 417 },
  // A retry works once the widget drops the key it sent with other data.
  idempotency_conflict: { status: 422, retry: true },
  rate_limited: { status: 429, retry: true },
  header_too_large: { status: 431 },
  internal_error: { status: 500, retry: true },
  upstream_auth_failed: { status: 502 },
  upstream_unavailable: { status: 502, retry: true },
  store_unavailable: { status: 503, retry: true },
  upstream_busy: { status: 503, retry: true },
  upstream_timeout: { status: 504, retry: true },
} as const satisfies Record<string, ErrorTraits>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/** True when `value` is one of the proxy's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** The traits of `code`, each one spelled out as a boolean. */
export function errorTraits(code: ErrorCode): {
  status: number;
  final: boolean;
  retry: boolean;
  freshToken: boolean;
} {
  const traits: ErrorTraits = ERRORS[code];
  return {
    status: traits.status,
    final: traits.final === true,
    retry: traits.retry === true,
    freshToken: traits.freshToken === true,
  };
}
