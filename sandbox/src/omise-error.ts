import { STATUS_CODES } from 'node:http';

/** Omise's error object (docs /errors-api). */
export interface OmiseErrorBody {
  object: 'error';
  location: string;
  code: string;
  message: string;
}

/** Omise's error pages anchor each code with dashes (`#authentication-failure`). */
export function errorBody(code: string, message: string): OmiseErrorBody {
  return {
    object: 'error',
    location: `https://www.omise.co/api-errors#${code.replaceAll('_', '-')}`,
    code,
    message,
  };
}

/** An error a handler throws; the listener turns it into the status and Omise's error body. */
export class OmiseApiError extends Error {
  override readonly name = 'OmiseApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  get body(): OmiseErrorBody {
    return errorBody(this.code, this.message);
  }
}

export const badRequest = (message: string) => new OmiseApiError(400, 'bad_request', message);
export const invalidCard = (reasons: string[]) => new OmiseApiError(400, 'invalid_card', toSentence(reasons));
export const notFound = (kind: string, id: string) =>
  new OmiseApiError(404, 'not_found', `${kind} ${id} was not found`);
export const authenticationFailure = () => new OmiseApiError(401, 'authentication_failure', 'authentication failed');

/**
 * Joins validation failures the way Omise's (Rails) messages do: "a and b", "a, b, and c"
 * (e.g. "expiration date cannot be in the past, number is invalid, and brand not supported (unknown)").
 */
export function toSentence(parts: readonly string[]): string {
  if (parts.length <= 2) return parts.join(' and ');
  return `${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}`;
}

const STATUS_ERRORS: Record<number, [code: string, message: string]> = {
  400: ['bad_request', 'bad request'],
  401: ['authentication_failure', 'authentication failed'],
  404: ['not_found', 'not found'],
  429: ['too_many_requests', 'too many requests'],
  500: ['internal_error', 'internal server error'],
  503: ['service_unavailable', 'service unavailable'],
};

/** The code and message an injected `status` fault answers with when the fault names none. */
export function defaultErrorFor(status: number): [code: string, message: string] {
  const known = STATUS_ERRORS[status];
  if (known) return known;
  const text = (STATUS_CODES[status] ?? 'error').toLowerCase();
  return [text.replace(/[^a-z0-9]+/g, '_'), text];
}
