import type { ErrorCode } from '@omise-signup/shared/errors';
import { RETRYABLE_CODES } from '@omise-signup/shared/errors';

/**
 * Failures that happen in the browser before or instead of a proxy answer. Together with the
 * proxy's closed list (`ErrorCode`) they are every code a `SignupError` can carry.
 */
export const LOCAL_ERROR_CODES = [
  'network_error',
  'bad_response',
  'config_unavailable',
  'omise_js_unavailable',
  'token_timeout',
  'token_failed',
] as const;
export type LocalErrorCode = (typeof LOCAL_ERROR_CODES)[number];

export type SignupErrorCode = ErrorCode | LocalErrorCode;

/** The form fields a message can be attached to. */
export type FieldName = 'email' | 'description' | 'name' | 'number' | 'expiry' | 'securityCode';

export interface FieldMessage {
  field: FieldName;
  message: string;
}

/**
 * What went wrong, as the shopper was told: `message` and `fields` are in the widget's locale.
 * This is the `detail` of the `omise-signup:error` event and the argument of `onError`.
 */
export interface SignupError {
  code: SignupErrorCode;
  message: string;
  /** True when sending the same details again may work; the widget then offers "Try again". */
  retryable: boolean;
  fields?: FieldMessage[];
  /** The proxy's `request_id`, for support: it finds the request in the proxy's logs. */
  requestId?: string;
}

/** A failure before any message is chosen: the code, plus the fields it concerns. */
export interface Failure {
  code: SignupErrorCode;
  fields?: FieldName[];
  requestId?: string;
}

// Local failures are all about reaching a service; trying again is the remedy. A spent or
// unknown token is fixed by tokenizing again, which a retry does by itself.
const RETRYABLE = new Set<SignupErrorCode>([
  ...RETRYABLE_CODES,
  ...LOCAL_ERROR_CODES,
  'used_token',
  'not_found',
  'idempotency_conflict',
]);

export function isRetryable(code: SignupErrorCode): boolean {
  return RETRYABLE.has(code);
}
