import type { CardDetails } from './signup-form.ts';

const future = `12/${String((new Date().getFullYear() + 5) % 100).padStart(2, '0')}`;

/** A Visa the sandbox (and Omise's test mode) accepts, ready for `signup.fill({ card })`. */
export const TEST_CARD: CardDetails = {
  name: 'Test Shopper',
  number: '4242 4242 4242 4242',
  expiry: future,
  securityCode: '123',
};

/** More cards with known outcomes in the sandbox. */
export const TEST_CARDS = {
  visa: TEST_CARD,
  mastercard: { ...TEST_CARD, number: '5555 5555 5555 4444' },
  jcb: { ...TEST_CARD, number: '3530 1113 3330 0000' },
  amex: { ...TEST_CARD, number: '3782 822463 10005', securityCode: '1234' },
  /** Refused at the vault: `failed_fraud_check`. */
  fraud: { ...TEST_CARD, number: '4111 1111 1119 0016' },
} satisfies Record<string, CardDetails>;
