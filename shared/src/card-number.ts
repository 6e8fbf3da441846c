import luhn from 'fast-luhn';

// Runs of digit groups split by up to three spaces, tabs, dots, slashes or dashes, however
// people write card numbers. A run never starts inside a word or right after a dash, so the
// digits of identifiers (`tokn_test_…`, UUIDs like `c3d4-1234-5678-0006-…`) are not read as one.
const SEPARATOR = /[\s./-]{1,3}/;
export const DIGIT_RUN = /(?<![\w-])\d+(?:[\s./-]{1,3}\d+)*/g;
const MIN_DIGITS = 12;
const MAX_DIGITS = 19;

/**
 * Finds a probable card number inside `text` (web/src/card.ts `holdsCardNumber` is its twin, for
 * the widget's bundle: change the two together): 12–19 digits not starting with 0, whole
 * groups separated by spaces, tabs, dots, slashes or dashes, passing Luhn. Returns the digits, or null. Grouping keeps a longer
 * number (an order id) from matching on an arbitrary window inside it.
 * @example findCardNumber('my card 4242 4242 4242 4242 thanks') // '4242424242424242'
 */
export function findCardNumber(text: string): string | null {
  // NFKC turns full-width and other compatibility digits into ASCII ones.
  for (const [run] of text.normalize('NFKC').matchAll(DIGIT_RUN)) {
    const groups = run.split(SEPARATOR);
    for (let start = 0; start < groups.length; start++) {
      let digits = '';
      let longest: string | null = null;
      for (let end = start; end < groups.length; end++) {
        digits += groups[end];
        if (digits.length > MAX_DIGITS) break;
        // No card number starts with 0 (ISO/IEC 7812: major industry identifier 0 is not issued).
        if (digits.length >= MIN_DIGITS && digits[0] !== '0' && luhn(digits)) longest = digits;
      }
      if (longest) return longest;
    }
  }
  return null;
}

/** True when any string anywhere inside `value` (object keys included) holds a card number. */
export function containsCardNumber(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') return findCardNumber(value) !== null;
  if (typeof value === 'number') return findCardNumber(String(value)) !== null;
  if (Array.isArray(value)) return value.some((item) => containsCardNumber(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(
      ([key, item]) => findCardNumber(key) !== null || containsCardNumber(item, depth + 1),
    );
  }
  return false;
}
