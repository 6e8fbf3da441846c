import type { SignupErrorCode } from '../errors.ts';

/**
 * Every string the widget shows. `{name}` marks a value filled in at runtime. English is the
 * shape; `th` and `ja` must fill every key (a test fails otherwise). Kept short on purpose:
 * English ships inside the 16 KB script-tag bundle, and Thai and Japanese load on first use.
 */
export interface Messages {
  email: string;
  description: string;
  optional: string;
  cardLegend: string;
  cardOptionalHint: string;
  /** The card frame's title: what a screen reader names the frame. */
  cardFrameTitle: string;
  name: string;
  number: string;
  expiry: string;
  securityCode: string;
  securityCodeHint: string;
  detectedBrand: string;
  secureNote: string;
  submit: string;
  submitBusy: string;
  retry: string;
  startAgain: string;

  emailRequired: string;
  emailInvalid: string;
  descriptionTooLong: string;
  /** A card number typed outside the card fields. */
  descriptionHasCard: string;
  nameRequired: string;
  /** A card number typed into Name on card: Omise would keep it as the name, and send it back. */
  nameHasCard: string;
  numberRequired: string;
  numberInvalid: string;
  numberIncomplete: string;
  numberLuhn: string;
  expiryRequired: string;
  expiryInvalid: string;
  expiryPast: string;
  securityCodeRequired: string;
  securityCodeLength: string;
  /** Omise refused a card field (name, number, expiry, security code). */
  rejectedCard: string;
  /** The proxy refused the email or description. */
  rejectedField: string;

  statusTokenizing: string;
  statusSubmitting: string;
  statusCreated: string;
  statusFix: string;
  /** `<omise-signup required>` in a page's form that is submitted before a customer exists. */
  customerRequired: string;

  resultTitle: string;
  resultCustomerId: string;
  resultCard: string;
  resultCardValue: string;
  resultExpires: string;
  resultCreated: string;
  resultNone: string;

  errors: Record<SignupErrorCode, string>;
}

export const en: Messages = {
  email: 'Email',
  description: 'Description',
  optional: 'Optional',
  cardLegend: 'Card details',
  cardOptionalHint: 'Optional: leave these empty to add a card later.',
  cardFrameTitle: 'Card fields',
  name: 'Name on card',
  number: 'Card number',
  expiry: 'Expiry (MM/YY)',
  securityCode: 'Security code',
  securityCodeHint: '3 digits on the back (Amex: 4 on the front).',
  detectedBrand: 'Card type:',
  secureNote: 'Card details go straight to Omise, never to this site’s server.',
  submit: 'Create account',
  submitBusy: 'Creating account…',
  retry: 'Try again',
  startAgain: 'Start again',

  emailRequired: 'Enter your email address.',
  emailInvalid: 'Enter an email address like name@example.com.',
  descriptionTooLong: 'Use at most 255 characters.',
  descriptionHasCard: 'Card numbers go in the card fields only. Remove it from here.',
  nameRequired: 'Enter the name on the card.',
  nameHasCard: 'Put the card number in Card number, not here.',
  numberRequired: 'Enter the card number.',
  numberInvalid: 'We don’t recognise this card number.',
  numberIncomplete: 'This card number is too short.',
  numberLuhn: 'This card number has a typo.',
  expiryRequired: 'Enter the expiry date.',
  expiryInvalid: 'Enter the expiry date as MM/YY.',
  expiryPast: 'This card has expired.',
  securityCodeRequired: 'Enter the security code.',
  securityCodeLength: 'Enter the {length}-digit security code.',
  rejectedCard: 'Omise did not accept this. Check it on your card.',
  rejectedField: 'This was not accepted. Check it.',

  statusTokenizing: 'Securing your card with Omise…',
  statusSubmitting: 'Creating your account…',
  statusCreated: 'Account created.',
  statusFix: 'Check the highlighted fields.',
  customerRequired: 'Create your account first.',

  resultTitle: 'Your account is ready',
  resultCustomerId: 'Customer ID',
  resultCard: 'Card',
  resultCardValue: '{brand} ending in {last4}',
  resultExpires: 'Expires',
  resultCreated: 'Created',
  resultNone: 'None',

  errors: {
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
    bad_response: 'The server sent an unreadable answer. Try again.',
    config_unavailable: 'The form could not load its settings. Try again.',
    omise_js_unavailable: 'Omise’s card service did not load. Try again.',
    token_timeout: 'Omise did not answer in time. Try again.',
    token_failed: 'Omise could not secure your card. Try again.',
    card_frame_unavailable: 'The card form did not load. Try again.',
  },
};
