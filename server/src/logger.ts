import { CARD_NUMBER_MASK, CARD_NUMBER_MIN_DIGITS, cardNumberSpans, replaceSpans } from '@omise-signup/shared';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

// Omise keys: secret skey_, public pkey_ and chain ckey_ (Account Chaining), optionally test_,
// then word characters; after anything but a letter or digit (`my_skey_…` too).
const KEY_PATTERN = /(?<![a-z0-9])([spc]key)_\w+/gi;

// A JSON line in parts: each string, and the text between strings, brackets and braces.
const JSON_PART = /"(?:[^"\\]|\\.)*"|[^"[\]{}]+/g;
// Inside a string an escape (`\t`, `\u001f`) is the separator it stands for, not a letter.
const ESCAPE = /\\(?:u[0-9a-fA-F]{4}|.)/g;
const QUOTED_MASK = JSON.stringify(CARD_NUMBER_MASK);

interface LineSpan {
  start: number;
  end: number;
  inString: boolean;
}

/** Card numbers in a JSON line, found in each part alone so that a mask never swallows syntax. */
function jsonLineSpans(line: string): LineSpan[] {
  const spans: LineSpan[] = [];
  // exec with our own offset: matchAll would copy the regex for every line.
  for (let from = 0; ; ) {
    JSON_PART.lastIndex = from;
    const part = JSON_PART.exec(line);
    if (!part) return spans;
    from = JSON_PART.lastIndex;
    // Too short to hold 13 digits: most keys and values.
    if (part[0].length < CARD_NUMBER_MIN_DIGITS) continue;
    const inString = part[0].startsWith('"');
    // The same length, so the view's offsets are the line's.
    const view = inString ? part[0].replace(ESCAPE, (sequence) => ' '.repeat(sequence.length)) : part[0];
    for (const span of cardNumberSpans(view)) {
      spans.push({ start: part.index + span.start, end: part.index + span.end, inString });
    }
  }
}

/**
 * Removes card numbers (shared's finder: any digit script, any separator) and Omise keys from a
 * string, in linear time. A JSON object line stays JSON: each string and each stretch between
 * them is searched alone, and a number masked outside a string becomes the mask as a string.
 */
export function scrub(text: string): string {
  const line = text.normalize('NFKC').replace(KEY_PATTERN, '$1_[redacted]');
  if (!line.startsWith('{')) return replaceSpans(line, cardNumberSpans(line), CARD_NUMBER_MASK);
  return replaceSpans(line, jsonLineSpans(line), (span) => (span.inString ? CARD_NUMBER_MASK : QUOTED_MASK));
}

/**
 * Scrubs each finished line on its way out, whatever field or message hides a card number
 * or key: one pass over a short string, instead of walking every logged object.
 */
function scrubbing(destination: DestinationStream): DestinationStream {
  return { write: (line: string) => destination.write(scrub(line)) };
}

/**
 * JSON lines with pino, ISO timestamps (an epoch in milliseconds is 13 digits, and could pass
 * Luhn), Authorization and cookies redacted by path, and every line scrubbed of card numbers
 * and Omise keys. Without a destination: stdout, written asynchronously, flushed on exit.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const out = destination ?? pino.destination({ dest: 1, sync: false });
  if (!destination) process.once('exit', () => (out as ReturnType<typeof pino.destination>).flushSync());
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'auth', 'secretKey'],
        censor: '[redacted]',
      },
    },
    scrubbing(out),
  );
}
