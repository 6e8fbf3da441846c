import type { ErrorCode } from '@omise-signup/shared';
import { type Logger, scrub } from './logger.ts';

/** Our own words for each code that keeps Omise's message, for when that message may not be shown. */
const OUR_WORDS: Partial<Record<ErrorCode, string>> = {
  bad_request: 'The payment service could not accept these details. Check them and try again.',
  invalid_card: 'The card was refused. Check its details or use another card.',
  used_token: 'This card token was already used. Enter the card again.',
  not_found: 'The card token was not found. Enter the card again.',
};
const FALLBACK = 'The payment service refused the request.';

/**
 * What Omise's messages are (`token tokn_test_… was not found`, `expiration date cannot be in the
 * past, and number is invalid`): one short line of words, digits and plain punctuation.
 */
const PLAIN_MESSAGE = /^[\p{L}\p{N} .,:;'"()_/#&+?!%-]{1,200}$/u;

/**
 * The message the browser gets for a refusal whose code keeps Omise's words: Omise's own message
 * when it is plain text (see PLAIN_MESSAGE) and the log scrub leaves it as it is (no Omise key, no
 * card number); otherwise our words for the code, and a log line with what Omise said, scrubbed.
 */
export function shownMessage(
  code: ErrorCode,
  message: string,
  context: { operation: string; logger: Logger | undefined },
): string {
  const text = message.normalize('NFKC');
  if (PLAIN_MESSAGE.test(text) && scrub(text) === text) return text;
  context.logger?.warn(
    // Scrubbed before it is cut short, so that no cut leaves digits the line's scrub cannot see.
    { operation: context.operation, code, upstream_message: scrub(text).slice(0, 300) },
    "Omise's message was not passed on: it was not plain text, or held a key or a card number",
  );
  return OUR_WORDS[code] ?? FALLBACK;
}
