import { findCardNumber } from '@omise-signup/shared/card-number';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardCorpus, hiddenCard, identifierText } from '../../shared/src/test-support/card-text.ts';
import { holdsCardNumber } from './card.ts';

// holdsCardNumber is a copy of shared's findCardNumber, kept for the bundle: they must agree.
describe('holdsCardNumber, the twin of shared findCardNumber', () => {
  it('agrees with findCardNumber on a generated corpus of cards, identifiers, near misses and noise', () => {
    fc.assert(
      fc.property(cardCorpus, (text) => {
        expect(holdsCardNumber(text)).toBe(findCardNumber(text) !== null);
      }),
      { numRuns: 10_000, seed: 16 },
    );
  }, 60_000);

  it('finds every hidden card number and no identifier', () => {
    fc.assert(
      fc.property(hiddenCard, identifierText, ({ text }, ids) => {
        expect(holdsCardNumber(text)).toBe(true);
        expect(holdsCardNumber(ids)).toBe(false);
      }),
      { numRuns: 1000, seed: 16 },
    );
  });
});
