import { ERROR_CODES } from '@omise-signup/shared/errors';
import { describe, expect, it } from 'vitest';
import { LOCAL_ERROR_CODES } from '../errors.ts';
import { en, type Messages } from './en.ts';
import { fill, pickLocale, toLocale } from './index.ts';
import { ja } from './ja.ts';
import { th } from './th.ts';

/** Every key path with its string: `email`, `errors.rate_limited`, … */
function entries(messages: Messages): [string, unknown][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).map(([code, text]) => [`${key}.${code}`, text] as [string, unknown])
      : [[key, value] as [string, unknown]],
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const THAI = /[\u0E00-\u0E7F]/;
const JAPANESE = /[\u3040-\u30FF\u4E00-\u9FFF]/;

describe('locales', () => {
  const english = entries(en);

  it('English has a message for every proxy error code and every local one', () => {
    expect(Object.keys(en.errors).sort()).toEqual([...ERROR_CODES, ...LOCAL_ERROR_CODES].sort());
  });

  it.each([
    ['th', th, THAI],
    ['ja', ja, JAPANESE],
  ] as const)(
    '%s has every English key, non-empty, with the same placeholders, in its own script',
    (_, messages, script) => {
      const translated = new Map(entries(messages));
      expect([...translated.keys()].sort()).toEqual(english.map(([key]) => key).sort());
      for (const [key, text] of english) {
        const other = translated.get(key);
        expect(typeof other === 'string' && other.trim().length > 0, `${key} is empty`).toBe(true);
        expect(placeholders(other as string), `${key} placeholders`).toEqual(placeholders(text as string));
        expect(script.test(other as string), `${key} is not translated: "${other}"`).toBe(true);
      }
    },
  );

  it('English has no empty message', () => {
    for (const [key, text] of english) expect(typeof text === 'string' && text.trim() !== '', key).toBe(true);
  });

  it('gives every error code its own message in each locale', () => {
    for (const messages of [en, th, ja]) {
      const texts = Object.values(messages.errors);
      expect(new Set(texts).size).toBe(texts.length);
    }
  });
});

describe('locale choice', () => {
  it('takes the requested locale, ignoring region and case', () => {
    expect(toLocale('th-TH')).toBe('th');
    expect(toLocale('JA')).toBe('ja');
    expect(toLocale('fr')).toBeNull();
  });

  it('falls back to the closest lang on the page, then English', () => {
    const outer = document.createElement('div');
    outer.lang = 'ja-JP';
    const inner = document.createElement('span');
    outer.append(inner);
    expect(pickLocale(undefined, inner)).toBe('ja');
    expect(pickLocale('th', inner)).toBe('th');
    expect(pickLocale('de', inner)).toBe('ja');
    expect(pickLocale(undefined, document.createElement('span'))).toBe('en');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(fill(en.resultCardValue, { brand: 'Visa', last4: '4242' })).toBe('Visa ending in 4242');
    expect(fill('{a}{b}', { a: 1 })).toBe('1{b}');
  });
});
