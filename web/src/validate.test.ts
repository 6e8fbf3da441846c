import { DESCRIPTION_MAX_LENGTH, EMAIL_MAX_LENGTH } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import { en } from './i18n/en.ts';
import {
  DESCRIPTION_MAX,
  EMAIL_MAX,
  EMPTY_VALUES,
  type FormValues,
  type Rules,
  validateForm,
  wantsCard,
} from './validate.ts';

const required: Rules = { card: 'required', presetDescription: false };
const good: FormValues = {
  email: 'somchai@example.com',
  description: 'Gold member',
  name: 'Somchai Jaidee',
  number: '4242 4242 4242 4242',
  expiry: '12/34',
  securityCode: '123',
};

describe('form validation', () => {
  it('passes a complete form', () => {
    expect(validateForm(good, required, en)).toEqual({});
  });

  it('asks for every required field of an empty form, in English', () => {
    expect(validateForm(EMPTY_VALUES, required, en)).toEqual({
      email: 'Enter your email address.',
      name: 'Enter the name on the card.',
      number: 'Enter the card number.',
      expiry: 'Enter the expiry date.',
      securityCode: 'Enter the security code.',
    });
  });

  it('explains each kind of bad value', () => {
    const errors = validateForm(
      {
        email: 'somchai@example',
        description: 'x'.repeat(256),
        name: '  ',
        number: '4242 4242 4242 4241',
        expiry: '13/30',
        securityCode: '12',
      },
      required,
      en,
    );
    expect(errors).toEqual({
      email: 'Enter an email address like name@example.com.',
      description: 'Use at most 255 characters.',
      name: 'Enter the name on the card.',
      number: 'This card number has a typo.',
      expiry: 'Enter the expiry date as MM/YY.',
      securityCode: 'Enter the 3-digit security code.',
    });
  });

  it('asks for 4 security-code digits on an American Express card', () => {
    const errors = validateForm({ ...good, number: '3782 822463 10005', securityCode: '123' }, required, en);
    expect(errors).toEqual({ securityCode: 'Enter the 4-digit security code.' });
  });

  it('says an expired card has expired and a short number is too short', () => {
    const errors = validateForm({ ...good, number: '4242 4242 4242', expiry: '01/20' }, required, en);
    expect(errors).toEqual({ number: 'This card number is too short.', expiry: 'This card has expired.' });
  });

  it('refuses a number no Omise brand uses', () => {
    expect(validateForm({ ...good, number: '9999 9999 9999 9999' }, required, en)).toEqual({
      number: 'We don’t recognise this card number.',
    });
  });

  it('lets an optional card be left empty, but checks it once any card field is filled', () => {
    const optional: Rules = { card: 'optional', presetDescription: false };
    const noCard = { ...good, name: '', number: '', expiry: '', securityCode: '' };
    expect(wantsCard(noCard, optional)).toBe(false);
    expect(validateForm(noCard, optional, en)).toEqual({});
    expect(validateForm({ ...noCard, number: '4242' }, optional, en)).toEqual({
      name: 'Enter the name on the card.',
      number: 'This card number is too short.',
      expiry: 'Enter the expiry date.',
      securityCode: 'Enter the security code.',
    });
  });

  it('ignores card fields when the card is off, and the description when it is preset', () => {
    const none: Rules = { card: 'none', presetDescription: true };
    const values = { ...EMPTY_VALUES, email: 'a@example.com', description: 'x'.repeat(300) };
    expect(wantsCard(values, none)).toBe(false);
    expect(validateForm(values, none, en)).toEqual({});
  });

  it.each([
    ['description', '๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒'],
    ['description', 'card4242_4242_4242_4242'],
    ['email', 'x4242424242424242@example.com'],
    ['email', 'somchai+4242-4242-4242-4242@example.com'],
  ] as const)('keeps a card number out of the %s field (%j), as the proxy would refuse it', (field, value) => {
    const errors = validateForm({ ...good, [field]: value }, required, en);
    expect(errors).toEqual({ [field]: 'Card numbers go in the card fields only. Remove it from here.' });
  });

  it('uses the same limits as the proxy’s contract', () => {
    expect(EMAIL_MAX).toBe(EMAIL_MAX_LENGTH);
    expect(DESCRIPTION_MAX).toBe(DESCRIPTION_MAX_LENGTH);
  });
});
