import { describe, expect, it } from 'vitest';
import { containsCardNumber, findCardNumber } from './card-number.ts';

describe('findCardNumber', () => {
  it.each([
    ['my card is 4242 4242 4242 4242, thanks', '4242424242424242'],
    ['4111-1111-1111-1111', '4111111111111111'],
    ['amex 378282246310005', '378282246310005'],
    ['card:5555555555554444.', '5555555555554444'],
    ['call 1234 then 4242 4242 4242 4242', '4242424242424242'],
    ['4242  4242  4242  4242', '4242424242424242'],
    ['4242.4242.4242.4242', '4242424242424242'],
    ['4242/4242/4242/4242', '4242424242424242'],
    ['4242\t4242\t4242\t4242', '4242424242424242'],
    ['4242 - 4242 - 4242 - 4242', '4242424242424242'],
    ['４２４２４２４２４２４２４２４２', '4242424242424242'],
  ])('finds the card number in %j', (text, digits) => {
    expect(findCardNumber(text)).toBe(digits);
  });

  it.each([
    ['order 1234567812345678', 'a 16-digit order number that fails Luhn'],
    ['call 0812345678', 'a 10-digit phone number'],
    ['+66 81 234 5678', 'a phone number with spaces'],
    ['2026-11-25', 'a date'],
    ['tokn_test_63440m1z407jm6hgxtu', 'a token id'],
    ['tokn_test_0000000000000000000', 'a token id whose suffix is all digits'],
    ['cust_test_4242424242424242424', 'a customer id with a Luhn-valid digit run'],
    ['0000 0000 0000 0000', 'zeros, which no card number starts with'],
    ['fault-a1b2c3d4-1234-5678-0006-9f8e7d6c5b4a@example.com', 'an email holding a UUID whose middle groups pass Luhn'],
    ['42424242424242424242', 'twenty digits in one group'],
  ])('does not flag %j (%s)', (text) => {
    expect(findCardNumber(text)).toBeNull();
  });
});

describe('containsCardNumber', () => {
  it('looks inside nested objects, arrays and keys', () => {
    expect(containsCardNumber({ a: [{ b: 'x 4242424242424242' }] })).toBe(true);
    expect(containsCardNumber({ '4242424242424242': 1 })).toBe(true);
    expect(containsCardNumber({ n: 4242424242424242 })).toBe(true);
    expect(containsCardNumber({ email: 'a@example.com', description: 'Plan 12' })).toBe(false);
  });
});
