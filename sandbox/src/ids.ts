import { randomBytes } from 'node:crypto';

export type IdPrefix = 'cust' | 'card' | 'tokn';

const TIME_WIDTH = 9; // base-36 milliseconds: 9 digits last until the year 5188
const SEQUENCE_WIDTH = 4; // 36^4 ids within one millisecond
const MAX_SEQUENCE = 36 ** SEQUENCE_WIDTH;
const RANDOM_WIDTH = 6;
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

// One syscall per 4 KB of noise, not per id.
let pool = randomBytes(4096);
let poolOffset = 0;

function randomBase36(length: number): string {
  if (poolOffset + length > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(pool[poolOffset++] ?? 0) % 36];
  return out;
}

/**
 * Makes Omise-style test ids: `<prefix>_test_` + 19 lowercase base-36 characters. Real ids grow
 * with creation time (undocumented, seen across Omise's dated recordings), so ours are time,
 * then a per-millisecond sequence, then
 * noise: sorting ids sorts by creation, even within one millisecond or when the clock steps back.
 */
export function createIdGenerator(now: () => Date): (prefix: IdPrefix) => string {
  let lastTime = 0;
  let sequence = 0;
  return (prefix) => {
    let time = Math.max(now().getTime(), lastTime);
    sequence = time === lastTime ? sequence + 1 : 0;
    if (sequence >= MAX_SEQUENCE) {
      // A frozen test clock can exhaust a millisecond; borrow the next one.
      time += 1;
      sequence = 0;
    }
    lastTime = time;
    const body =
      time.toString(36).padStart(TIME_WIDTH, '0') +
      sequence.toString(36).padStart(SEQUENCE_WIDTH, '0') +
      randomBase36(RANDOM_WIDTH);
    return `${prefix}_test_${body}`;
  };
}
