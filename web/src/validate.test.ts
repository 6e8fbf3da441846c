import { DESCRIPTION_MAX_LENGTH, EMAIL_MAX_LENGTH } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import { en } from './i18n/en.ts';
import { DESCRIPTION_MAX, EMAIL_MAX, EMPTY_VALUES, type FormValues, validateField } from './validate.ts';

const check = (values: FormValues, preset = false) => ({
  email: validateField('email', values, preset, en),
  description: validateField('description', values, preset, en),
});

describe('the widget’s own fields', () => {
  it('pass an email and a description', () => {
    expect(check({ email: 'somchai@example.com', description: 'Gold member' })).toEqual({
      email: null,
      description: null,
    });
  });

  it('ask for the email and let the description be empty', () => {
    expect(check(EMPTY_VALUES)).toEqual({ email: 'Enter your email address.', description: null });
  });

  it('explain a bad email and a long description', () => {
    expect(check({ email: 'somchai@example', description: 'x'.repeat(256) })).toEqual({
      email: 'Enter an email address like name@example.com.',
      description: 'Use at most 255 characters.',
    });
  });

  it('keep a card number out of the description', () => {
    expect(check({ email: 'a@example.com', description: 'card 4242 4242 4242 4242' }).description).toBe(
      'Card numbers go in the card fields only. Remove it from here.',
    );
  });

  it.each([
    ['description', '๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒'],
    ['description', 'card4242_4242_4242_4242'],
    ['email', 'x4242424242424242@example.com'],
    ['email', 'somchai+4242-4242-4242-4242@example.com'],
  ] as const)('keep a card number out of the %s field (%j), as the proxy would refuse it', (field, value) => {
    const values = { email: 'somchai@example.com', description: 'Gold member', [field]: value };
    expect(check(values)).toEqual({
      email: null,
      description: null,
      [field]: 'Card numbers go in the card fields only. Remove it from here.',
    });
  });

  it('ignore the description when the merchant preset it', () => {
    expect(check({ email: 'a@example.com', description: 'x'.repeat(300) }, true)).toEqual({
      email: null,
      description: null,
    });
  });

  it('use the same limits as the proxy’s contract', () => {
    expect(EMAIL_MAX).toBe(EMAIL_MAX_LENGTH);
    expect(DESCRIPTION_MAX).toBe(DESCRIPTION_MAX_LENGTH);
  });
});
