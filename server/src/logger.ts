import { DIGIT_RUN, findCardNumber } from '@omise-signup/shared';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

const CARD_MASK = '[card number removed]';
// Omise keys as config accepts them: skey_/pkey_, optionally test_, then word characters.
const KEY_PATTERN = /\b([sp]key)_\w+/gi;

/**
 * Removes card numbers and Omise keys from a string in one pass: each run of digit groups is
 * checked once, so a long hostile line costs linear time, not a rescan per number found.
 */
export function scrub(text: string): string {
  return text
    .normalize('NFKC')
    .replace(KEY_PATTERN, '$1_[redacted]')
    .replace(DIGIT_RUN, (run) => (findCardNumber(run) === null ? run : CARD_MASK));
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
