import { describe, expect, it } from 'vitest';
import { detectBrand, luhnValid, numberValid, SANDBOX_TEST_CARDS } from './cards.ts';

describe('SANDBOX_TEST_CARDS', () => {
  it.each(SANDBOX_TEST_CARDS.map((card) => [card.number, card.brand]))(
    '%s is a valid %s number by Luhn, prefix and length',
    (number, brand) => {
      expect(detectBrand(number)).toBe(brand);
      expect(numberValid(number, brand)).toBe(true);
    },
  );

  it("covers every brand Omise's docs list a success card for", () => {
    const brands = new Set(SANDBOX_TEST_CARDS.filter((card) => card.outcome === 'success').map((card) => card.brand));
    expect([...brands].sort()).toEqual(
      ['American Express', 'Diners Club', 'Discover', 'JCB', 'MasterCard', 'UnionPay', 'Visa'].sort(),
    );
  });
});

describe('card numbers', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('refuses a Luhn-valid number of the wrong length for its brand', () => {
    expect(numberValid('378282246310005', 'American Express')).toBe(true);
    expect(numberValid('4000000000006', 'Visa')).toBe(true);
    expect(numberValid('42424242424242424', 'Visa')).toBe(false);
  });

  it('knows Mastercard 2-series and leaves unknown prefixes unbranded', () => {
    expect(detectBrand('2223003122003222')).toBe('MasterCard');
    expect(detectBrand('1111111111111117')).toBeNull();
    expect(detectBrand('')).toBeNull();
  });
});
