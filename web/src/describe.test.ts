import { ERROR_CODES, type ErrorCode, errorTraits } from '@omise-signup/shared/errors';
import { describe, expect, it } from 'vitest';
import { describeFailure } from './describe.ts';
import { LOCAL_ERROR_CODES, type SignupErrorCode } from './errors.ts';
import { en } from './i18n/en.ts';
import { ja } from './i18n/ja.ts';
import { th } from './i18n/th.ts';

// The exact English message for each code; a new proxy code fails this test until it has one.
const ENGLISH: Record<SignupErrorCode, string> = {
  validation_error: 'Some details were not accepted. Check the highlighted fields.',
  card_data_rejected: 'Card numbers go in the card fields only. Remove it from the others.',
  bad_request: 'Omise could not process these details.',
  invalid_card: 'This card was declined. Try another card.',
  used_token: 'Your card details expired. Try again.',
  not_found: 'Omise could not find your card details. Try again.',
  unauthorized: 'Signing up here is not allowed.',
  forbidden_origin: 'This page may not create accounts.',
  verification_failed: 'We could not verify you. Reload the page and try again.',
  request_timeout: 'The connection was too slow. Check it and try again.',
  request_in_progress: 'Your signup is still in progress. Try again shortly.',
  payload_too_large: 'Too much text. Shorten the description.',
  unsupported_media_type: 'The server could not read the form.',
  expectation_failed: 'The server refused the request. Try again.',
  idempotency_conflict: 'Your details changed mid-signup. Try again.',
  rate_limited: 'Too many attempts. Wait a while, then try again.',
  header_too_large: 'Too much data was sent. Clear this site’s cookies and try again.',
  internal_error: 'Something went wrong on our side. Try again.',
  upstream_auth_failed: 'Signups are unavailable: this site is misconfigured.',
  upstream_unavailable: 'Our payment provider is not responding. Try again shortly.',
  store_unavailable: 'Signups are briefly unavailable. Try again shortly.',
  upstream_busy: 'Our payment provider is busy right now. Wait a moment, then try again.',
  upstream_timeout: 'Our payment provider timed out. Try again.',
  network_error: 'Could not reach the server. Check your connection and try again.',
  card_frame_unavailable: 'The card form did not load. Try again.',
  bad_response: 'The server sent an unreadable answer. Try again.',
  config_unavailable: 'The form could not load its settings. Try again.',
  omise_js_unavailable: 'Omise’s card service did not load. Try again.',
  token_timeout: 'Omise did not answer in time. Try again.',
  token_failed: 'Omise could not secure your card. Try again.',
};

const ALL: SignupErrorCode[] = [...ERROR_CODES, ...LOCAL_ERROR_CODES];

describe('error messages', () => {
  it.each(ALL)('%s has its own English message', (code) => {
    expect(describeFailure({ code }, en).message).toBe(ENGLISH[code]);
  });

  it.each(ALL)('%s is told in Thai and Japanese too', (code) => {
    expect(describeFailure({ code }, th).message).toBe(th.errors[code]);
    expect(describeFailure({ code }, ja).message).toBe(ja.errors[code]);
    expect(th.errors[code]).not.toBe(ENGLISH[code]);
    expect(ja.errors[code]).not.toBe(ENGLISH[code]);
  });

  it('offers a retry for the proxy’s retryable codes, every local failure and a spent token', () => {
    const retryable = ALL.filter((code) => describeFailure({ code }, en).retryable);
    // shared's table says which of the proxy's codes (its list is tested in shared); locals all may retry.
    expect(retryable.sort()).toEqual(
      [...LOCAL_ERROR_CODES, ...ERROR_CODES.filter((code) => errorTraits(code).retry)].sort(),
    );
  });

  it('does not offer a retry where sending the same data again cannot help', () => {
    const final: ErrorCode[] = ['validation_error', 'invalid_card', 'forbidden_origin', 'upstream_auth_failed'];
    for (const code of final) expect(describeFailure({ code }, en).retryable).toBe(false);
  });

  it('puts a message next to each field concerned, and keeps the request id', () => {
    expect(describeFailure({ code: 'invalid_card', fields: ['number', 'expiry'], requestId: 'req_1' }, en)).toEqual({
      code: 'invalid_card',
      message: 'This card was declined. Try another card.',
      retryable: false,
      requestId: 'req_1',
      fields: [
        { field: 'number', message: 'Omise did not accept this. Check it on your card.' },
        { field: 'expiry', message: 'Omise did not accept this. Check it on your card.' },
      ],
    });
    expect(describeFailure({ code: 'validation_error', fields: ['email'] }, en).fields).toEqual([
      { field: 'email', message: 'This was not accepted. Check it.' },
    ]);
  });
});
