import { Writable } from 'node:stream';
import { containsCardNumber } from '@omise-signup/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hiddenCard, identifierText } from '../../shared/src/test-support/card-text.ts';
import { createLogger, scrub } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('scrub', () => {
  it('removes card numbers however they are grouped', () => {
    expect(scrub('card 4242 4242 4242 4242 here')).toBe('card [card number removed] here');
    expect(scrub('4111-1111-1111-1111')).toBe('[card number removed]');
  });

  it('removes Omise keys', () => {
    expect(scrub('key skey_test_5xs9k1lg8nq5bqk2v6a and pkey_5xs9k1lg3y2pbmtkq5l')).toBe(
      'key skey_[redacted] and pkey_[redacted]',
    );
  });

  it('masks every card number on a long line of many', () => {
    expect(scrub('order 4242 4242 4242 4242 ok')).toBe('order [card number removed] ok');
    const hostile = `${'1-'.repeat(32)}4242424242424242 x `.repeat(300);
    const out = scrub(hostile);
    expect(out).not.toContain('4242424242424242');
    expect(out.match(/\[card number removed\]/g)).toHaveLength(300);
  });

  it('removes chain keys, and keys right after an underscore or other punctuation', () => {
    expect(scrub('chain ckey_test_no1t4tnemucod0e51mo')).toBe('chain ckey_[redacted]');
    expect(scrub('auth_skey_test_5xs9k1lg8nq5bqk2v6a:x')).toBe('auth_skey_[redacted]:x');
    expect(scrub('"SKEY_TEST_ABC"')).toBe('"SKEY_[redacted]"');
    expect(scrub('whiskey_sour and monkey_see')).toBe('whiskey_sour and monkey_see');
  });

  it('masks keys with underscores in them', () => {
    expect(scrub('skey_test_abc_def and pkey_abc')).toBe('skey_[redacted] and pkey_[redacted]');
  });

  it.each([
    ['๔๒๔๒ ๔๒๔๒ ๔๒๔๒ ๔๒๔๒', 'Thai digits'],
    ['4242_4242_4242_4242', 'underscores'],
    ['4242\u200b4242\u200b4242\u200b4242', 'zero-width spaces'],
    ['card4242424242424242', 'right after a word'],
    ['ref -4242424242424242', 'after a dash'],
    ['tokn_test_4242424242424242abc', 'inside a token-shaped id'],
  ])('removes a card number written with %s (%s)', (text) => {
    expect(scrub(`a ${text} b`)).not.toMatch(/4242|๔๒๔๒/);
  });

  it('reads JSON escapes as the separators they stand for, not as letters', () => {
    const line = JSON.stringify({ msg: '4242\t4242\n4242\u00014242 and 4242\\4242\\4242\\4242' });
    expect(scrub(line)).toBe('{"msg":"[card number removed] and [card number removed]"}');
    expect(scrub(JSON.stringify({ msg: 'tab\there 12' }))).toBe('{"msg":"tab\\there 12"}');
  });

  it('keeps a JSON line JSON: a mask never spans two values, and a masked number becomes a string', () => {
    // 4242424242424242 and the 6 after it pass Luhn together as well: the key's quote and colon must stay.
    const line = JSON.stringify({
      '4242424242424242': 6,
      list: [4242, 4242, 4242, 4242],
      n: 4242424242424242,
      s: ['4242', 4242],
    });
    const scrubbed = scrub(line);
    expect(JSON.parse(scrubbed)).toEqual({
      '[card number removed]': 6,
      list: ['[card number removed]'],
      n: '[card number removed]',
      s: ['4242', 4242],
    });
  });

  it('leaves ordinary text alone', () => {
    expect(scrub('order 1234567812345678 for a@example.com')).toBe('order 1234567812345678 for a@example.com');
  });
});

describe('createLogger', () => {
  it('writes no card number or key, whatever field or message holds it', () => {
    const { logger, lines } = capture();
    logger.info(
      { req: { headers: { authorization: 'Basic c2tleV90ZXN0XzU6' } }, nested: { note: 'pan 4242424242424242' } },
      'key skey_test_5xs9k1lg8nq5bqk2v6a',
    );
    logger.warn({ err: new Error('bad 4111 1111 1111 1111') }, 'failed');
    const text = lines.join('');
    expect(text).not.toMatch(/4242424242424242|4111 1111 1111 1111|skey_test_5x|c2tleV90ZXN0XzU6/);
    expect(text).toContain('[redacted]');
    expect(text).toContain('[card number removed]');
  });

  it('writes no card number however it is written, in fields, keys and messages', () => {
    fc.assert(
      fc.property(hiddenCard, ({ text }) => {
        const { logger, lines } = capture();
        logger.info({ note: text, [text]: 1, nested: { list: [text] } }, text);
        const line = JSON.parse(lines.join('')) as Record<string, unknown>;
        expect(containsCardNumber(line)).toBe(false);
        expect(lines.join('')).toContain('[card number removed]');
      }),
      { numRuns: 1000, seed: 13 },
    );
  });

  it('logs the identifiers the proxy uses unchanged', () => {
    fc.assert(
      fc.property(
        identifierText.filter((ids) => !/[sp]key_/i.test(ids)),
        (ids) => {
          const { logger, lines } = capture();
          logger.info({ request_id: ids }, 'request');
          expect((JSON.parse(lines.join('')) as { request_id: string }).request_id).toBe(ids.normalize('NFKC'));
        },
      ),
      { numRuns: 500, seed: 13 },
    );
  });
});
