import luhn from 'fast-luhn';

/**
 * Card numbers Omise takes are 13 (Visa's shortest) to 19 digits (Visa, JCB, Discover, UnionPay).
 * 12-digit Maestro numbers are not among them, and every digit fewer doubles the ordinary
 * numbers (order ids, timestamps) that pass Luhn by chance.
 */
export const CARD_NUMBER_MIN_DIGITS = 13;
export const CARD_NUMBER_MAX_DIGITS = 19;
/** What the log scrubbers write in place of a card number. */
export const CARD_NUMBER_MASK = '[card number removed]';

const WORD = /[\p{L}\p{N}]/u;
/**
 * A run of digit groups (any script) joined by anything that is neither a letter nor a number:
 * spaces, punctuation, dashes, symbols, zero-width and other invisible characters. Letters end a
 * run. The classes are disjoint, so the scan is linear.
 */
const RUN = /\p{Nd}+(?:[^\p{L}\p{N}]+\p{Nd}+)*/gu;
const GROUP = /\p{Nd}+/gu;
// Identifiers the system itself sends, recognised by their own shape so that their digits are
// not joined to a neighbour's (each must stand on its own: no letter or number on either side).
/** A UUID (Idempotency-Key, X-Request-Id): hex in groups of at most 12, so no card number of its own. */
const UUID_AT = /[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?![\p{L}\p{N}])/uy;
/** An Omise id or key (a prefix, `test_` in test mode, 19 base-36, as in ../test-data/): each digit group alone. */
const OMISE_ID_AT = /[a-z]{3,5}_(?:test_)?[0-9a-z]{19}(?![\p{L}\p{N}])/uy;
/** A UUID's 36 characters; an Omise id has at most 30. */
const LONGEST_IDENTIFIER = 36;
const DECIMAL = /\p{Nd}/u;
const NON_ASCII_DIGIT = /[^0-9]/gu;

/** Each decimal digit's value, found once: Unicode assigns them in runs of whole blocks of ten, 0 to 9. */
const digitValues = new Map<string, string>();
function asciiDigit(digit: string): string {
  let value = digitValues.get(digit);
  if (value === undefined) {
    const code = digit.codePointAt(0) ?? 0;
    let zero = code;
    while (DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
    value = String((code - zero) % 10);
    digitValues.set(digit, value);
  }
  return value;
}

/** Where a card number lies in a text: UTF-16 offsets, end exclusive. */
export interface CardNumberSpan {
  start: number;
  end: number;
  /** Its digits, in ASCII. */
  digits: string;
}

type Found = (span: CardNumberSpan) => unknown;

/** Consecutive digit groups that may form one number, gathered for `windows`. */
class Groups {
  digits = '';
  /** Where each group starts in `digits`, and one more entry for the end. */
  at: number[] = [0];
  starts: number[] = [];
  ends: number[] = [];

  add(text: string, start: number, end: number): void {
    const group = text.slice(start, end);
    this.digits += /^[0-9]+$/.test(group) ? group : group.replace(NON_ASCII_DIGIT, asciiDigit);
    this.at.push(this.digits.length);
    this.starts.push(start);
    this.ends.push(end);
  }

  /**
   * Calls `found` for each group that starts a Luhn-valid number of 13–19 digits made of whole
   * consecutive groups, with the longest such (whole groups keep a longer number, an order id,
   * from matching on a window inside it). Returns true when `found` does, to stop, and empties.
   */
  windows(found: Found): boolean {
    const { digits, at, starts, ends } = this;
    this.digits = '';
    this.at = [0];
    this.starts = [];
    this.ends = [];
    if (digits.length < CARD_NUMBER_MIN_DIGITS) return false;
    for (let first = 0; first < starts.length; first++) {
      const head = at[first] as number;
      // No card number starts with 0 (ISO/IEC 7812: major industry identifier 0 is not issued).
      if (digits[head] === '0') continue;
      let longest = -1;
      for (let last = first; last < starts.length; last++) {
        const length = (at[last + 1] as number) - head;
        if (length > CARD_NUMBER_MAX_DIGITS) break;
        if (length >= CARD_NUMBER_MIN_DIGITS && luhn(digits.slice(head, head + length))) longest = last;
      }
      if (longest < 0) continue;
      const span = {
        start: starts[first] as number,
        end: ends[longest] as number,
        digits: digits.slice(head, at[longest + 1]),
      };
      if (found(span) === true) return true;
    }
    return false;
  }
}

/** True when a letter or number ends right before `index`. */
function wordBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const code = text.charCodeAt(index - 1);
  const from = code >= 0xdc00 && code <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return WORD.test(String.fromCodePoint(text.codePointAt(from) ?? 0));
}

/** The end of the identifier `pattern` matches at `index`, standing on its own, or -1. */
function identifierAt(pattern: RegExp, text: string, index: number): number {
  if (wordBefore(text, index)) return -1;
  pattern.lastIndex = index;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** A UUID starting at `index`; the dash after 8 characters is a cheap first test. */
const uuidAt = (text: string, index: number) =>
  text.charCodeAt(index + 8) === 0x2d ? identifierAt(UUID_AT, text, index) : -1;

const ID_CHARACTER = /[0-9A-Za-z_-]/;

/**
 * For a run's first group, right after an identifier character: the identifier it lies inside,
 * which starts before it (within the longest identifier's length, over identifier characters).
 */
function identifierHolding(text: string, index: number): { end: number; uuid: boolean } | null {
  const limit = Math.max(0, index - LONGEST_IDENTIFIER);
  for (let start = index - 1; start >= limit && ID_CHARACTER.test(text[start] ?? ''); start--) {
    const omiseId = identifierAt(OMISE_ID_AT, text, start);
    if (omiseId > index) return { end: omiseId, uuid: false };
    const uuid = uuidAt(text, start);
    if (uuid > index) return { end: uuid, uuid: true };
  }
  return null;
}

/**
 * Calls `found` with each card number in one run of digit groups, in order, until it returns
 * true. Identifiers part the run: a UUID's groups are skipped, an Omise id's stand alone.
 */
function scanRun(text: string, start: number, end: number, found: Found): boolean {
  const groups = new Groups();
  const holding = ID_CHARACTER.test(text[start - 1] ?? '') ? identifierHolding(text, start) : null;
  const alone = holding && !holding.uuid ? holding.end : -1;
  for (let from = holding?.uuid ? holding.end : start; ; ) {
    GROUP.lastIndex = from;
    const group = GROUP.exec(text);
    if (!group || group.index >= end) break;
    from = GROUP.lastIndex;
    if (group.index < alone) {
      // The last digits of an Omise id: a number by themselves, apart from what follows.
      groups.add(text, group.index, from);
      if (groups.windows(found)) return true;
      continue;
    }
    const uuid = uuidAt(text, group.index);
    if (uuid > 0) {
      if (groups.windows(found)) return true;
      from = uuid;
      continue;
    }
    groups.add(text, group.index, from);
  }
  return groups.windows(found);
}

/** Calls `found` with each card number in NFKC-normalised `text`, in order, until it returns true. */
function scan(text: string, found: Found): void {
  // exec with our own offset, not matchAll: matchAll copies the regex, which costs more than a short scan.
  for (let from = 0; ; ) {
    RUN.lastIndex = from;
    const run = RUN.exec(text);
    if (!run) return;
    from = RUN.lastIndex;
    // A shorter run cannot hold 13 digits, whatever identifiers it touches.
    if (run[0].length >= CARD_NUMBER_MIN_DIGITS && scanRun(text, run.index, from, found)) return;
  }
}

/**
 * Every card number in `text`, which must already be NFKC-normalised (callers that mask keep
 * the normalised text, so that the offsets are its own).
 */
export function cardNumberSpans(text: string): CardNumberSpan[] {
  const spans: CardNumberSpan[] = [];
  scan(text, (span) => spans.push(span));
  return spans;
}

/**
 * Finds a probable card number inside `text`, however it is written: digits of any script
 * (Thai, Arabic-Indic, full-width…), grouped by any non-alphanumeric characters, right after a
 * letter or a dash. Omise ids and UUIDs are read as such; an Omise id whose own digits form a
 * card number still counts. Returns the digits in ASCII, or null. `web/src/card.ts`
 * `holdsCardNumber` is its twin (the widget's bundle): change the two together.
 * @example findCardNumber('my card ๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒ thanks') // '4242424242424242'
 */
export function findCardNumber(text: string): string | null {
  let digits: string | null = null;
  scan(text.normalize('NFKC'), (span) => {
    digits = span.digits;
    return true;
  });
  return digits;
}

/**
 * Replaces every card number in `text` with `mask`, in one linear pass; the rest of the text
 * comes back NFKC-normalised. Overlapping finds are masked as one.
 * @example maskCardNumbers('card 4242-4242-4242-4242 ok') // 'card [card number removed] ok'
 */
export function maskCardNumbers(text: string, mask = CARD_NUMBER_MASK): string {
  const normalized = text.normalize('NFKC');
  return replaceSpans(normalized, cardNumberSpans(normalized), mask);
}

/**
 * Writes `text` with each of `spans` (in order of their start) replaced by `mask`, overlapping
 * spans merged into the first; `mask` may depend on the span.
 */
export function replaceSpans<Span extends { start: number; end: number }>(
  text: string,
  spans: Iterable<Span>,
  mask: string | ((span: Span) => string),
): string {
  let out = '';
  let copied = 0;
  for (const span of spans) {
    if (span.start < copied) {
      copied = Math.max(copied, span.end);
      continue;
    }
    out += text.slice(copied, span.start) + (typeof mask === 'string' ? mask : mask(span));
    copied = span.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const IDENTIFIER_KEY = /^[A-Za-z_$][\w$]*$/;

/** `path` extended by an object key, written as in JavaScript: `metadata.user_id`, `metadata["a b"]`. */
const keyPath = (path: string, key: string) =>
  IDENTIFIER_KEY.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

/**
 * Where a card number inside `value` is, looking at every string and number at any depth and
 * at object keys too: a path such as `metadata.ids[1]` (`''` for `value` itself), or null when
 * there is none. Iterative, with no depth limit (nothing nested deeper goes unread) and
 * each object read once, so cycles end.
 * @example cardNumberPath({ metadata: { note: ['ok', 'card 4242 4242 4242 4242'] } }) // 'metadata.note[1]'
 */
export function cardNumberPath(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  const seen = new WeakSet<object>();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (findCardNumber(item) !== null) return path;
    } else if (typeof item === 'number' || typeof item === 'bigint') {
      if (findCardNumber(String(item)) !== null) return path;
    } else if (typeof item === 'object' && item !== null && !seen.has(item)) {
      seen.add(item);
      const children: Array<[unknown, string]> = [];
      if (Array.isArray(item)) {
        for (const [index, child] of item.entries()) children.push([child, `${path}[${index}]`]);
      } else {
        for (const [key, child] of Object.entries(item)) {
          // A key that holds one is where it is; the path shows it masked.
          if (findCardNumber(key) !== null) return keyPath(path, maskCardNumbers(key));
          children.push([child, keyPath(path, key)]);
        }
      }
      // Pushed last to first, so that they are read in order.
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [unknown, string]);
    }
  }
  return null;
}

/** True when any string or number anywhere inside `value` (object keys included) holds a card number. */
export function containsCardNumber(value: unknown): boolean {
  return cardNumberPath(value) !== null;
}
