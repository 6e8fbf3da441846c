import { bench, describe } from 'vitest';
import { findCardNumber } from './card-number.ts';

// `pnpm --filter @omise-signup/shared exec vitest bench --run`: the finder runs on every request
// body and every log line, so hostile input (the body limit is 16 KB) must stay cheap: linear, a
// few milliseconds at worst.
const KB16 = 16 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(KB16 / unit.length)).slice(0, KB16);
const inputs = {
  'prose, no digits': fill('Somchai signed up for the gold plan. '),
  'one-digit groups split by dashes': fill('1-'),
  'digit groups split by mixed separators': fill('12 34,56;78|90_'),
  'Luhn-failing 16-digit groups': fill('1234 5678 9012 3455 x '),
  'Thai digits with zero-width joins': fill('๔๒\u200b'),
  'UUID-like hex groups': fill('a1b2c3d4-1234-5678-0006-9f8e7d6c5b4a '),
  'letters and digits interleaved': fill('a1'),
  'digits only': fill('1234567890'),
};

describe('findCardNumber on 16 KB', () => {
  for (const [name, text] of Object.entries(inputs)) bench(name, () => void findCardNumber(text));
});
