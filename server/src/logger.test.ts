import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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

  it('masks keys with underscores in them', () => {
    expect(scrub('skey_test_abc_def and pkey_abc')).toBe('skey_[redacted] and pkey_[redacted]');
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
});
