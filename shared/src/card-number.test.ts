import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARD_NUMBER_MASK,
  cardNumberPath,
  containsCardNumber,
  findCardNumber,
  maskCardNumbers,
} from './card-number.ts';
import {
  after,
  before,
  cardCorpus,
  cardNumber,
  DIGIT_ZEROS,
  FORMAT_CHARACTERS,
  hiddenCard,
  identifierText,
  inScript,
  plainOmiseId,
  SCRIPTS,
  withCheckDigit,
  written,
} from './test-support/card-text.ts';

const RUNS = { numRuns: 2000, seed: 13 };

describe('findCardNumber', () => {
  it.each([
    ['my card is 4242 4242 4242 4242, thanks', '4242424242424242'],
    ['4111-1111-1111-1111', '4111111111111111'],
    ['amex 378282246310005', '378282246310005'],
    ['card:5555555555554444.', '5555555555554444'],
    ['call 1234 then 4242 4242 4242 4242', '4242424242424242'],
    ['4242.4242.4242.4242', '4242424242424242'],
    ['4242/4242/4242/4242', '4242424242424242'],
    ['4242\t4242\t4242\t4242', '4242424242424242'],
    ['4242 - 4242 - 4242 - 4242', '4242424242424242'],
    ['４２４２４２４２４２４２４２４２', '4242424242424242'],
    ['visa 4222222222222', '4222222222222'],
  ])('finds the card number in %j', (text, digits) => {
    expect(findCardNumber(text)).toBe(digits);
  });

  it.each([
    ['๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒', 'Thai digits'],
    ['٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢', 'Arabic-Indic digits'],
    ['۴۲۴۲-۴۲۴۲-۴۲۴۲-۴۲۴۲', 'Extended Arabic-Indic digits'],
    ['४२४२ ४२४२ ४२४२ ४२४२', 'Devanagari digits'],
    ['4242 ๔๒๔๒ ٤٢٤٢ ४२४२', 'four scripts in one number'],
    ['④②④②④②④②④②④②④②④②', 'circled digits (NFKC)'],
  ])('reads %j (%s) as a card number', (text) => {
    expect(findCardNumber(text)).toBe('4242424242424242');
  });

  it('reads the digits of every decimal script this engine knows', () => {
    expect(DIGIT_ZEROS.length).toBeGreaterThan(60);
    const missed = DIGIT_ZEROS.filter((zero) => findCardNumber(`no. ${inScript('4242424242424242', zero)}`) === null);
    expect(missed.map((zero) => zero.toString(16))).toEqual([]);
  });

  it('finds a card number written in any decimal digits, one script per group', () => {
    fc.assert(
      fc.property(
        cardNumber,
        fc.array(fc.constantFrom(...DIGIT_ZEROS), { minLength: 5, maxLength: 5 }),
        (digits, zeros) => {
          const text = zeros.map((zero, i) => inScript(digits.slice(i * 4, i * 4 + 4), zero)).join(' ');
          expect(findCardNumber(text.trim())).toBe(digits);
        },
      ),
      RUNS,
    );
  });

  it.each([
    ['4242_4242_4242_4242'],
    ['4242+4242+4242+4242'],
    ['4242;4242;4242;4242'],
    ['4242|4242|4242|4242'],
    ['4242:4242:4242:4242'],
    ['4242,4242,4242,4242'],
    ['4242    4242    4242    4242'],
    ['4242\u200b4242\u200b4242\u200b4242'],
    ['4242\u00ad4242\u00ad4242\u00ad4242'],
    ['4242\u20144242\u20134242\u20144242'],
    ['4242\u00b74242\u00b74242\u00b74242'],
    ['4\u200d2\u200d4\u200d2\u200d4\u200d2\u200d4\u200d2\u200d4\u200d2\u200d4\u200d2\u200d4\u200d2\u200d4\u200d2'],
    ['4️⃣2️⃣4️⃣2️⃣4️⃣2️⃣4️⃣2️⃣4️⃣2️⃣4️⃣2️⃣4️⃣2️⃣4️⃣2️⃣'],
  ])('ignores the separators in %j', (text) => {
    expect(findCardNumber(text)).toBe('4242424242424242');
  });

  it('ignores every invisible format character between digits', () => {
    expect(FORMAT_CHARACTERS.length).toBeGreaterThan(100);
    const missed = FORMAT_CHARACTERS.filter(
      (char) => findCardNumber(Array.from('4242424242424242').join(char)) === null,
    );
    expect(missed.map((char) => char.codePointAt(0)?.toString(16))).toEqual([]);
  });

  it('ignores any run of non-alphanumeric characters between digit groups', () => {
    fc.assert(
      fc.property(
        cardNumber.chain((digits) => written(digits).map((text) => ({ digits, text }))),
        ({ digits, text }) => {
          expect(findCardNumber(text)).toBe(digits);
        },
      ),
      RUNS,
    );
  });

  it.each([
    ['card4242424242424242'],
    ['x4242424242424242@example.com'],
    ['ref -4242424242424242'],
    ['ref-4242-4242-4242-4242'],
    ['order#4242424242424242'],
    ['pan=4242424242424242&cvc=123'],
    ['4242424242424242abc'],
    ['บัตร4242424242424242'],
  ])('finds the number right after a letter or a dash in %j', (text) => {
    expect(findCardNumber(text)).toBe('4242424242424242');
  });

  it('finds a card number wherever it stands among words, dashes and separators', () => {
    fc.assert(
      fc.property(hiddenCard, ({ digits, text }) => {
        expect(findCardNumber(text)).toBe(digits);
      }),
      RUNS,
    );
  });

  it.each([
    ['tokn_test_4242424242424242abcd', 'a token-like string one character too long'],
    ['tokn_test_4242424242424242abc', 'a token of the right shape'],
    ['tokn_4242424242424242abc', 'a live token of the right shape'],
    ['cust_test_4242424242424242428', 'a customer id made of a card number'],
    ['x/tokn_test_abc4242424242424242/y', 'an id in a path'],
    ['tokn_test_0a0aa0000000aa4242424242424242-42', 'an id-like word too long to be one, its digits running on'],
  ])('finds a card number inside an Omise id: %j (%s)', (text) => {
    expect(findCardNumber(text)).toMatch(/^4242424242424242/);
  });

  it('finds a card number that makes up an Omise id-shaped token', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('tokn_test_', 'tokn_', 'cust_test_', 'card_'),
        cardNumber,
        fc.stringMatching(/^[a-z]{0,6}$/),
        (prefix, digits, tail) => {
          expect(findCardNumber(`${prefix}${digits}${tail}`)).toBe(digits);
        },
      ),
      RUNS,
    );
  });

  it.each([
    ['order 1234567812345678', 'a 16-digit order number that fails Luhn'],
    ['call 0812345678', 'a 10-digit phone number'],
    ['+66 81 234 5678', 'a phone number with spaces'],
    ['2026-11-25', 'a date'],
    ['2026-11-25T22:10:54.123Z', 'an ISO timestamp'],
    ['tokn_test_63440m1z407jm6hgxtu', 'a token id'],
    ['tokn_test_0000000000000000000', 'a token id whose suffix is all digits'],
    ['cust_test_5g0221fe8iwu0t6ba5g 1234 5678 9012', 'an id ending in a digit, then short numbers'],
    ['0000 0000 0000 0000', 'zeros, which no card number starts with'],
    ['fault-a1b2c3d4-1234-5678-0006-9f8e7d6c5b4a@example.com', 'an email holding a UUID whose middle groups pass Luhn'],
    ['12345678-1234-4234-8234-123456789012', 'a UUID made of digits only'],
    ['4242 12345678-1234-4234-8234-123456789012', 'a short number before a UUID of digits'],
    ['42424242424242424242', 'twenty digits in one group'],
    ['123456789015', 'a Luhn-valid number of 12 digits, shorter than any card Omise takes'],
    ['Plan 12, seats 34, floor 5', 'short numbers in a list'],
  ])('does not flag %j (%s)', (text) => {
    expect(findCardNumber(text)).toBeNull();
  });

  it('never reads the identifiers the system sends (UUIDs, Omise ids) as a card number', () => {
    fc.assert(
      fc.property(identifierText, (text) => {
        expect(findCardNumber(text)).toBeNull();
      }),
      RUNS,
    );
  });

  it('never flags a text with fewer than 13 decimal digits', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', maxLength: 80 })
          .filter((text) => (text.normalize('NFKC').match(/\p{Nd}/gu)?.length ?? 0) < 13),
        (text) => {
          expect(findCardNumber(text)).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it('does not flag a number that fails Luhn, however it is written', () => {
    fc.assert(
      fc.property(
        cardNumber.map((digits) => digits.slice(0, -1) + ((Number(digits.at(-1)) + 5) % 10)),
        fc.constantFrom(...Object.values(SCRIPTS)),
        before,
        after,
        (digits, zero, head, tail) => {
          expect(findCardNumber(`${head}${inScript(digits, zero)}${tail}`)).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it('computes check digits the way the finder checks them', () => {
    expect(withCheckDigit('424242424242424')).toBe('4242424242424242');
  });
});

describe('maskCardNumbers', () => {
  it('replaces each card number and keeps the words around it', () => {
    expect(maskCardNumbers('card 4242 4242 4242 4242 here')).toBe(`card ${CARD_NUMBER_MASK} here`);
    expect(maskCardNumbers('x4242424242424242@example.com')).toBe(`x${CARD_NUMBER_MASK}@example.com`);
    expect(maskCardNumbers('๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒ and 4111_1111_1111_1111')).toBe(
      `${CARD_NUMBER_MASK} and ${CARD_NUMBER_MASK}`,
    );
    expect(maskCardNumbers('tokn_test_4242424242424242abc', '****')).toBe('tokn_test_****abc');
  });

  it('masks the whole of every Luhn-valid window, so no digit of a card is left beside a mask', () => {
    // 412345678909 and the card's first 4 pass Luhn together; the rest of the card must not stay visible.
    const text = `412345678909 ${Array.from('4242424242424242').join(' ')}`;
    expect(maskCardNumbers(text)).toBe(CARD_NUMBER_MASK);
  });

  it('masks every card number on a long hostile line, in one pass', () => {
    const hostile = `${'1-'.repeat(32)}4242424242424242 x `.repeat(300);
    const out = maskCardNumbers(hostile);
    expect(out).not.toContain('4242424242424242');
    expect(out.match(/\[card number removed\]/g)).toHaveLength(300);
    const digitsAndSeparators = `${'1\u200b'.repeat(8000)}`;
    expect(maskCardNumbers(digitsAndSeparators)).toBe(digitsAndSeparators);
  });

  it('leaves no card number behind in any text', () => {
    fc.assert(
      fc.property(cardCorpus, (text) => {
        expect(findCardNumber(maskCardNumbers(text))).toBeNull();
      }),
      RUNS,
    );
  });

  it('returns a text without card numbers as it came (NFKC-normalised)', () => {
    fc.assert(
      fc.property(fc.oneof(identifierText, fc.string({ unit: 'grapheme', maxLength: 60 })), (text) => {
        fc.pre(findCardNumber(text) === null);
        expect(maskCardNumbers(text)).toBe(text.normalize('NFKC'));
      }),
      RUNS,
    );
  });

  it('masks a hidden card number and only it', () => {
    fc.assert(
      fc.property(hiddenCard, ({ text }) => {
        const masked = maskCardNumbers(`keep ${text} keep`);
        expect(masked).toMatch(/^keep .*\[card number removed\].* keep$/su);
        expect(masked.split(CARD_NUMBER_MASK)).toHaveLength(2);
      }),
      RUNS,
    );
  });
});

describe('containsCardNumber', () => {
  it('looks inside nested objects, arrays and keys', () => {
    expect(containsCardNumber({ a: [{ b: 'x 4242424242424242' }] })).toBe(true);
    expect(containsCardNumber({ '4242424242424242': 1 })).toBe(true);
    expect(containsCardNumber({ n: 4242424242424242 })).toBe(true);
    expect(containsCardNumber({ email: 'a@example.com', description: 'Plan 12' })).toBe(false);
  });

  it('reads every level, however deep, and ends on cycles', () => {
    let deep: unknown = 'card 4242 4242 4242 4242';
    for (let i = 0; i < 5_000; i++) deep = i % 2 ? [deep] : { x: deep };
    expect(containsCardNumber(deep)).toBe(true);
    const cyclic: Record<string, unknown> = { a: 'ok' };
    cyclic.self = cyclic;
    expect(containsCardNumber(cyclic)).toBe(false);
    expect(containsCardNumber({ n: 4242424242424242n })).toBe(true);
  });

  it('finds what findCardNumber finds, in any field', () => {
    fc.assert(
      fc.property(hiddenCard, plainOmiseId, ({ text }, id) => {
        expect(containsCardNumber({ email: 'a@example.com', card: id, metadata: { note: [text] } })).toBe(true);
        expect(containsCardNumber({ email: 'a@example.com', card: id })).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('cardNumberPath', () => {
  it('says where the card number is, as a JavaScript path', () => {
    expect(cardNumberPath({ metadata: { note: ['ok', 'card 4242 4242 4242 4242'] } })).toBe('metadata.note[1]');
    expect(cardNumberPath({ metadata: { 'user id': 4242424242424242 } })).toBe('metadata["user id"]');
    expect(cardNumberPath('4242424242424242')).toBe('');
    expect(cardNumberPath({ description: 'Plan 12', metadata: { user_id: 'u_42' } })).toBeNull();
  });

  it('shows a key that holds one masked', () => {
    expect(cardNumberPath({ metadata: { '4242-4242-4242-4242': true } })).toBe(
      `metadata[${JSON.stringify(CARD_NUMBER_MASK)}]`,
    );
  });
});
