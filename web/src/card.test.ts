import { describe, expect, it } from 'vitest';
import {
  checkCardNumber,
  checkSecurityCode,
  detectBrand,
  formatCardNumber,
  formatExpiry,
  luhn,
  readExpiry,
  securityCodeLength,
} from './card.ts';

describe('card number formatting', () => {
  it('groups Visa, Mastercard and JCB digits 4-4-4-4 as they are typed', () => {
    expect(formatCardNumber('4')).toBe('4');
    expect(formatCardNumber('42424')).toBe('4242 4');
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('5555555555554444')).toBe('5555 5555 5555 4444');
    expect(formatCardNumber('3530111333300000')).toBe('3530 1113 3330 0000');
  });

  it('groups American Express 4-6-5 and stops at 15 digits', () => {
    expect(formatCardNumber('378282246310005')).toBe('3782 822463 10005');
    expect(formatCardNumber('3782822463100059999')).toBe('3782 822463 10005');
  });

  it('cleans a pasted number of spaces, dashes and letters', () => {
    expect(formatCardNumber('4242-4242-4242-4242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber(' 4242 4242\t4242 4242 ')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('card: 4111 1111 1111 1111!')).toBe('4111 1111 1111 1111');
  });

  it('keeps at most 19 digits when the brand is unknown', () => {
    expect(formatCardNumber('9'.repeat(25))).toBe('9999 9999 9999 9999 999');
  });
});

describe('brand detection', () => {
  it.each([
    ['4242', 'Visa'],
    ['5555', 'Mastercard'],
    ['2223', 'Mastercard'],
    ['3782', 'American Express'],
    ['3412', 'American Express'],
    ['3056', 'Diners Club'],
    ['3530', 'JCB'],
    ['6011', 'Discover'],
    ['6200', 'UnionPay'],
  ])('detects %s… as %s', (digits, name) => {
    expect(detectBrand(digits)?.name).toBe(name);
  });

  it('waits for more digits before naming a brand', () => {
    expect(detectBrand('3')).toBeNull();
    expect(detectBrand('')).toBeNull();
  });

  it('needs 4 security-code digits for American Express and 3 for the others', () => {
    expect(securityCodeLength('3782 822463 10005')).toBe(4);
    expect(securityCodeLength('4242 4242 4242 4242')).toBe(3);
    expect(securityCodeLength('5555 5555 5555 4444')).toBe(3);
    expect(securityCodeLength('')).toBeNull();
  });
});

describe('card number checks', () => {
  it('computes the Luhn checksum', () => {
    expect(luhn('4242424242424242')).toBe(true);
    expect(luhn('4242424242424241')).toBe(false);
    expect(luhn('')).toBe(false);
  });

  it('accepts Omise test cards', () => {
    for (const number of ['4242424242424242', '4111111111111111', '5555555555554444', '3530111333300000']) {
      expect(checkCardNumber(number)).toBeNull();
    }
    expect(checkCardNumber('3782 822463 10005')).toBeNull();
  });

  it('names what is wrong with a number', () => {
    expect(checkCardNumber('')).toBe('required');
    expect(checkCardNumber('4242 4242')).toBe('incomplete');
    expect(checkCardNumber('4242 4242 4242 4241')).toBe('luhn');
    expect(checkCardNumber('9999 9999 9999 9999')).toBe('invalid');
    expect(checkCardNumber('555555555555444')).toBe('incomplete');
  });

  it('does not require Luhn for UnionPay, as UnionPay issues numbers without it', () => {
    expect(checkCardNumber('6200000000000047')).toBeNull();
    expect(checkCardNumber('6200000000000048')).toBeNull();
  });
});

describe('expiry', () => {
  it('adds the slash after the month while typing, not while deleting', () => {
    expect(formatExpiry('1')).toBe('1');
    expect(formatExpiry('12')).toBe('12/');
    expect(formatExpiry('12', true)).toBe('12');
    expect(formatExpiry('123')).toBe('12/3');
    expect(formatExpiry('12/34')).toBe('12/34');
    expect(formatExpiry('12/345')).toBe('12/34');
  });

  it('pads a single month digit that cannot start a two-digit month', () => {
    expect(formatExpiry('4')).toBe('04/');
    expect(formatExpiry('0')).toBe('0');
  });

  it('turns a pasted or autofilled MM/YYYY into MM/YY', () => {
    expect(formatExpiry('08/2029')).toBe('08/29');
    expect(formatExpiry('8/2029')).toBe('08/29');
    expect(formatExpiry('08 - 2029')).toBe('08/29');
  });

  const now = new Date(2026, 4, 15); // 15 May 2026

  it('accepts this month and later, refuses earlier months', () => {
    expect(readExpiry('05/26', now)).toEqual({ month: 5, year: 2026 });
    expect(readExpiry('12/34', now)).toEqual({ month: 12, year: 2034 });
    expect(readExpiry('04/26', now)).toBe('past');
    expect(readExpiry('12/25', now)).toBe('past');
  });

  it('refuses a malformed date, month 13 and a year too far ahead', () => {
    expect(readExpiry('', now)).toBe('required');
    expect(readExpiry('1/2', now)).toBe('invalid');
    expect(readExpiry('13/27', now)).toBe('invalid');
    expect(readExpiry('00/27', now)).toBe('invalid');
    expect(readExpiry('06/47', now)).toBe('far');
  });
});

describe('security code', () => {
  it('wants exactly the brand’s length', () => {
    expect(checkSecurityCode('123', '4242424242424242')).toBeNull();
    expect(checkSecurityCode('1234', '4242424242424242')).toBe('length');
    expect(checkSecurityCode('1234', '378282246310005')).toBeNull();
    expect(checkSecurityCode('123', '378282246310005')).toBe('length');
    expect(checkSecurityCode('', '4242424242424242')).toBe('required');
  });

  it('accepts 3 or 4 digits while the brand is unknown', () => {
    expect(checkSecurityCode('123', '')).toBeNull();
    expect(checkSecurityCode('1234', '')).toBeNull();
    expect(checkSecurityCode('12', '')).toBe('length');
  });
});
