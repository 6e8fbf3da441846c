/**
 * The closed list of error codes the proxy answers with, and the HTTP status of each.
 * This is the source; the README's "Error codes" table lists them for merchants.
 */
export const ERROR_STATUS = {
  validation_error: 400,
  card_data_rejected: 400,
  bad_request: 400,
  invalid_card: 400,
  used_token: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  verification_failed: 403,
  not_found: 404,
  request_timeout: 408,
  request_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  expectation_failed: 417,
  idempotency_conflict: 422,
  rate_limited: 429,
  header_too_large: 431,
  internal_error: 500,
  upstream_auth_failed: 502,
  upstream_unavailable: 502,
  store_unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** True when `value` is one of the proxy's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

/** Codes where sending the same request again later may succeed. */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'request_timeout',
  'request_in_progress',
  'rate_limited',
  'internal_error',
  'upstream_unavailable',
  'upstream_timeout',
  'store_unavailable',
]);
