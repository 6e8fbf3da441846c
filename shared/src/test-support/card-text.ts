// Generators for text that does or does not hold a card number, written from the classes the
// finder must handle (issue 13): every decimal digit script, every kind of separator, a number
// right after a letter or a dash, and the identifiers the system sends. Shared by shared's tests,
// the widget's twin test and the proxy's fuzz test.

import fc from 'fast-check';
import luhn from 'fast-luhn';

const DECIMAL = /\p{Nd}/u;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/** The zero of every decimal digit block this engine knows (Unicode puts them in planes 0 and 1). */
export const DIGIT_ZEROS: readonly number[] = (() => {
  const zeros: number[] = [];
  for (let code = 0; code <= 0x1ffff; code++) {
    if (DECIMAL.test(String.fromCodePoint(code))) {
      zeros.push(code);
      code += 9;
    }
  }
  return zeros;
})();

/** Named scripts the issue lists, for readable examples. */
export const SCRIPTS = {
  ascii: 0x30,
  thai: 0x0e50,
  arabicIndic: 0x0660,
  extendedArabicIndic: 0x06f0,
  devanagari: 0x0966,
  bengali: 0x09e6,
  fullWidth: 0xff10,
  mathematicalBold: 0x1d7ce,
} as const;

/** `digits` (ASCII) written with the digits whose zero is `zero`. */
export const inScript = (digits: string, zero: number) =>
  Array.from(digits, (digit) => String.fromCodePoint(zero + Number(digit))).join('');

/** Completes `payload` with the Luhn check digit. */
export function withCheckDigit(payload: string): string {
  for (let check = 0; check < 10; check++) if (luhn(`${payload}${check}`)) return `${payload}${check}`;
  throw new Error('unreachable: one of ten check digits always fits');
}

/** A Luhn-valid number of 13–19 digits that does not start with 0: what the finder must find. */
export const cardNumber = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc
      .integer({ min: 13, max: 19 })
      .chain((length) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 2, maxLength: length - 2 })),
  )
  .map(([first, rest]) => withCheckDigit(`${first}${rest.join('')}`));

/** Invisible format characters (`\p{Cf}`): soft hyphen, zero-width space and joiners, BOM, bidi marks… */
export const FORMAT_CHARACTERS: readonly string[] = (() => {
  const found: string[] = [];
  for (const [from, to] of [
    [0, 0xffff],
    [0xe0000, 0xe007f],
  ] as const) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCodePoint(code);
      if (/\p{Cf}/u.test(char)) found.push(char);
    }
  }
  return found;
})();

const NAMED_SEPARATORS = [
  ' ',
  '    ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u202f',
  '\u3000',
  '-',
  '\u2013', // en dash
  '\u2014', // em dash
  '\u2212', // minus sign
  '\u00b7', // middle dot
  '\u2022', // bullet
  '_',
  '+',
  ';',
  '|',
  ':',
  ',',
  '.',
  '/',
  '\\',
  '*',
  '#',
  '~',
  '"',
  "'",
  '(',
  ')',
  '[',
  ']',
  '\u0301', // a combining mark
  '\ufe0f\u20e3', // keycap
  '\u{1f642}',
];

/** One character that is neither a letter nor a number, before or after NFKC. */
const separatorCharacter = fc.oneof(
  fc.constantFrom(...NAMED_SEPARATORS),
  fc.constantFrom(...FORMAT_CHARACTERS),
  fc
    .integer({ min: 0, max: 0x10ffff })
    .filter((code) => code < 0xd800 || code > 0xdfff)
    .map((code) => String.fromCodePoint(code))
    .filter((char) => !ALPHANUMERIC.test(char) && !ALPHANUMERIC.test(char.normalize('NFKC'))),
);

/** What may stand between two digit groups of a card number: any run of non-alphanumeric characters. */
export const separator = fc
  .array(separatorCharacter, { minLength: 1, maxLength: 6 })
  .map((chars) => chars.join(''))
  // A lone combining mark right after a digit is still a separator; NFKC must not make it a letter.
  .filter((text) => !ALPHANUMERIC.test(text.normalize('NFKC')));

/** Splits `digits` into 1 to 8 groups at random places. */
const grouped = (digits: string) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: digits.length - 1 }), { maxLength: 7 })
    .map((cuts) => [0, ...cuts.sort((a, b) => a - b), digits.length])
    .map((edges) => edges.slice(1).map((end, i) => digits.slice(edges[i], end)));

/** A digit block's zero: any of the engine's, the ones the issue names more often. */
export const digitZero = fc.oneof(fc.constantFrom(...Object.values(SCRIPTS)), fc.constantFrom(...DIGIT_ZEROS));

/** `digits` written as people and attackers write them: any scripts, any grouping, any separators. */
export const written = (digits: string) =>
  grouped(digits).chain((groups) =>
    fc
      .tuple(
        fc.array(digitZero, { minLength: groups.length, maxLength: groups.length }),
        fc.array(separator, { minLength: groups.length - 1, maxLength: groups.length - 1 }),
      )
      .map(([zeros, separators]) =>
        groups.map((group, i) => inScript(group, zeros[i] ?? 0x30) + (separators[i] ?? '')).join(''),
      ),
  );

/** Text that may stand right before a number and add no digit: nothing, a word, a dash, a word and a dash. */
export const before = fc.oneof(
  fc.constantFrom('', 'card', 'x', 'ref -', 'no.', 'pan=', 'บัตร', 'カード番号', 'رقم البطاقة ', 'tokn_test_', 'cust_'),
  fc
    .tuple(fc.constantFrom('', 'see ', 'order-'), fc.stringMatching(/^[a-z]{1,8}$/), separator)
    .map(([a, b, c]) => a + b + c),
  fc.stringMatching(/^[a-z]{1,8}-?$/),
);

/** Text that may stand right after a number and add no digit. */
export const after = fc.oneof(
  fc.constantFrom('', '@example.com', 'abc', ' thanks', '-x', '.', ' ขอบคุณ'),
  fc.tuple(separator, fc.stringMatching(/^[a-z]{1,8}$/)).map(([a, b]) => a + b),
);

/** A card number hidden in text, with the digits it hides. */
export const hiddenCard = fc
  .tuple(cardNumber, before, after)
  .chain(([digits, head, tail]) => written(digits).map((text) => ({ digits, text: head + text + tail })));

/** Omise ids and keys as the API issues them (a prefix, `test_` in test mode, 19 base-36; see ../../test-data/). */
export const omiseId = fc
  .tuple(
    fc.constantFrom('tokn', 'cust', 'card', 'chrg', 'skey', 'pkey', 'src'),
    fc.boolean(),
    fc.stringMatching(/^[0-9a-z]{19}$/),
  )
  .map(([prefix, test, suffix]) => `${prefix}_${test ? 'test_' : ''}${suffix}`);

/** An Omise id whose own digit groups hold no card number (all but about one in 10^7 real ids). */
export const plainOmiseId = omiseId.filter((id) => !/\d{13}/.test(id));

/** A separator without combining marks, which NFKC could fold into a neighbouring letter. */
const plainSeparator = separator.filter((text) => !/\p{M}/u.test(text));

/** Identifiers the system sends and logs, strung together with words, short numbers and separators. */
export const identifierText = fc
  .array(
    fc.oneof(
      fc.uuid(),
      fc.uuid().map((id) => id.toUpperCase()),
      plainOmiseId,
      fc.stringMatching(/^\d{1,12}$/),
      fc.stringMatching(/^[a-z]{1,8}$/),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .chain((parts) =>
    fc
      .array(fc.oneof(fc.constantFrom('-', ' ', '_', ', ', '/', '@', ':'), plainSeparator), {
        minLength: parts.length,
        maxLength: parts.length,
      })
      .map((separators) =>
        parts
          .map((part, i) => {
            if (i === 0) return part;
            // Two short numbers side by side would make one of up to 24 digits: a word keeps them apart.
            const numbers = /^\d+$/.test(part) && /^\d+$/.test(parts[i - 1] ?? '');
            return `${numbers ? ' and ' : separators[i]}${part}`;
          })
          .join(''),
      ),
  );

/** Omise id-shaped strings heavy with digits: their digit groups may or may not be card numbers. */
const digitHeavyOmiseId = fc
  .tuple(
    fc.constantFrom('tokn_test_', 'cust_', 'card_test_', 'test_'),
    fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...'0123456789') }, fc.constantFrom(...'abcz')), {
      minLength: 17,
      maxLength: 21,
    }),
  )
  .map(([prefix, chars]) => prefix + chars.join(''));

/** Identifiers, numbers, words and separators run together in any order, with or without gaps. */
const collage = fc
  .array(
    fc.oneof(
      fc.uuid(),
      omiseId,
      digitHeavyOmiseId,
      hiddenCard.map(({ text }) => text),
      cardNumber,
      fc.stringMatching(/^\d{1,19}$/),
      fc.stringMatching(/^[a-fA-F]{1,3}$/),
      separator,
      fc.constantFrom('-', '_', ' ', 'x', 'tokn_test_'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** A corpus for comparing two implementations: hidden cards, identifiers, near misses and noise. */
export const cardCorpus = fc.oneof(
  hiddenCard.map(({ text }) => text),
  identifierText,
  collage,
  cardNumber.chain((digits) => written(digits.slice(0, -1) + ((Number(digits.at(-1)) + 1) % 10))),
  fc.tuple(identifierText, hiddenCard).map(([ids, card]) => `${ids} ${card.text}`),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...'0123456789 -_.,:|+\u200b\u00adxabf๐๑๒๓๔๕๖๗๘๙'), maxLength: 80 }),
);
