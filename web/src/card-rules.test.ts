import { describe, expect, it } from 'vitest';
import { type CardValues, EMPTY_CARD, readCard } from './card-rules.ts';
import { CARD_TEXT_KEYS, type CardText } from './frame/protocol.ts';
import { en } from './i18n/en.ts';

const text = Object.fromEntries(CARD_TEXT_KEYS.map((key) => [key, en[key]])) as CardText;
const now = new Date(2026, 4, 15);
const good: CardValues = {
  name: 'Somchai Jaidee',
  number: '4242 4242 4242 4242',
  expiry: '12/34',
  securityCode: '123',
};
const problems = (values: CardValues, requirement: 'required' | 'optional' = 'required') =>
  readCard(values, requirement, text, now).problems;

describe('the card fields', () => {
  it('read a good card once into what Omise.js takes, and what the widget may know of it', () => {
    expect(readCard(good, 'required', text, now)).toEqual({
      problems: {},
      empty: false,
      card: {
        name: 'Somchai Jaidee',
        number: '4242424242424242',
        expiration_month: 12,
        expiration_year: 2034,
        security_code: '123',
      },
      summary: { brand: 'Visa', lastDigits: '4242', expirationMonth: 12, expirationYear: 2034 },
    });
  });

  it('ask for every field of an empty card', () => {
    expect(readCard(EMPTY_CARD, 'required', text, now)).toEqual({
      empty: true,
      problems: {
        name: 'Enter the name on the card.',
        number: 'Enter the card number.',
        expiry: 'Enter the expiry date.',
        securityCode: 'Enter the security code.',
      },
    });
  });

  it('explain each kind of bad value', () => {
    expect(problems({ name: '  ', number: '4242 4242 4242 4241', expiry: '13/30', securityCode: '12' })).toEqual({
      name: 'Enter the name on the card.',
      number: 'This card number has a typo.',
      expiry: 'Enter the expiry date as MM/YY.',
      securityCode: 'Enter the 3-digit security code.',
    });
  });

  it('keep a card number out of the name, which Omise sends back with the customer', () => {
    expect(problems({ ...good, name: '4242 4242 4242 4242' })).toEqual({
      name: 'Put the card number in Card number, not here.',
    });
    expect(readCard({ ...good, name: 'Somchai 4242424242424242' }, 'required', text, now).card).toBeUndefined();
  });

  it('ask for 4 security-code digits on an American Express card', () => {
    expect(problems({ ...good, number: '3782 822463 10005', securityCode: '123' })).toEqual({
      securityCode: 'Enter the 4-digit security code.',
    });
  });

  it('say an expired card has expired and a short number is too short', () => {
    expect(problems({ ...good, number: '4242 4242 4242', expiry: '01/20' })).toEqual({
      number: 'This card number is too short.',
      expiry: 'This card has expired.',
    });
  });

  it('refuse a number no Omise brand uses, and an expiry too far ahead', () => {
    expect(problems({ ...good, number: '9999 9999 9999 9999', expiry: '12/60' })).toEqual({
      number: 'We don’t recognise this card number.',
      expiry: 'Enter the expiry date as MM/YY.',
    });
  });

  it('let an optional card be left empty, but check it once any field is filled', () => {
    expect(readCard(EMPTY_CARD, 'optional', text, now)).toEqual({ problems: {}, empty: true });
    expect(problems({ ...EMPTY_CARD, number: '4242' }, 'optional')).toEqual({
      name: 'Enter the name on the card.',
      number: 'This card number is too short.',
      expiry: 'Enter the expiry date.',
      securityCode: 'Enter the security code.',
    });
  });
});
