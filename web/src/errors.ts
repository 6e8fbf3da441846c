import type { ErrorCode } from '@omise-signup/shared/errors';
import { ERRORS, type ErrorTraits, isErrorCode } from '@omise-signup/shared/errors';

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
  'card_frame_unavailable',
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

const traits = (code: SignupErrorCode): ErrorTraits | undefined => (isErrorCode(code) ? ERRORS[code] : undefined);

/**
 * True when sending the same details again may work: the proxy's codes say so in shared's table
 * (a spent token included: a retry tokenizes again by itself); local failures are all about
 * reaching a service, where trying again is the remedy.
 */
export function isRetryable(code: SignupErrorCode): boolean {
  const proxy = traits(code);
  return proxy ? proxy.retry === true : true;
}

/** True when the proxy refused the token itself (spent, unknown or declined): the next try tokenizes again. */
export function needsFreshToken(code: SignupErrorCode): boolean {
  return traits(code)?.freshToken === true;
}
