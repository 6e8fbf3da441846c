import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import {
  CARD_TEXT_KEYS,
  type CardText,
  connect,
  type FrameSettings,
  hello,
  isConnect,
  isHello,
  parseFrameMessage,
  parseHostMessage,
  parseTheme,
} from './protocol.ts';

const text = Object.fromEntries(CARD_TEXT_KEYS.map((key) => [key, en[key]])) as CardText;
const SETTINGS: FrameSettings = {
  locale: 'en',
  text,
  theme: { scheme: 'light', text: '#111827', radius: '8px', font: 'Inter, "Noto Sans Thai", sans-serif' },
  card: 'required',
  disabled: false,
  timeoutMs: 20_000,
};

describe('the handshake', () => {
  it('is recognised on its own channel only, in this version only', () => {
    expect(isHello(hello('c1'), 'c1')).toBe(true);
    expect(isConnect(connect('c1'), 'c1')).toBe(true);
    expect(isHello(hello('c2'), 'c1')).toBe(false);
    expect(isHello(connect('c1'), 'c1')).toBe(false);
    expect(isHello({ ...hello('c1'), v: 2 }, 'c1')).toBe(false);
    expect(isHello({ ...hello('c1'), protocol: 'other' }, 'c1')).toBe(false);
    expect(isConnect(JSON.stringify(connect('c1')), 'c1')).toBe(false);
  });
});

describe('what the frame accepts from the widget', () => {
  it('takes each message of the list', () => {
    expect(parseHostMessage({ v: 1, type: 'configure', settings: SETTINGS })).toEqual({
      type: 'configure',
      settings: SETTINGS,
    });
    expect(parseHostMessage({ v: 1, type: 'warm' })).toEqual({ type: 'warm' });
    expect(parseHostMessage({ v: 1, type: 'check', id: 3 })).toEqual({ type: 'check', id: 3 });
    expect(parseHostMessage({ v: 1, type: 'tokenize', id: 4 })).toEqual({ type: 'tokenize', id: 4 });
    expect(parseHostMessage({ v: 1, type: 'spent', token: 'tokn_test_1' })).toEqual({
      type: 'spent',
      token: 'tokn_test_1',
    });
    expect(parseHostMessage({ v: 1, type: 'refuse', fields: ['number'] })).toEqual({
      type: 'refuse',
      fields: ['number'],
    });
    expect(parseHostMessage({ v: 1, type: 'focus', field: 'expiry' })).toEqual({ type: 'focus', field: 'expiry' });
  });

  it('drops unknown types, other versions and malformed messages', () => {
    for (const data of [
      null,
      'tokenize',
      { type: 'tokenize', id: 1 },
      { v: 2, type: 'tokenize', id: 1 },
      { v: 1, type: 'reveal' },
      { v: 1, type: 'tokenize', id: -1 },
      { v: 1, type: 'tokenize', id: '1' },
      { v: 1, type: 'focus', field: 'email' },
      { v: 1, type: 'refuse', fields: ['number', 'cvv'] },
      { v: 1, type: 'configure', settings: { ...SETTINGS, locale: 'fr' } },
      { v: 1, type: 'configure', settings: { ...SETTINGS, card: 'none' } },
      { v: 1, type: 'configure', settings: { ...SETTINGS, text: { ...text, number: 42 } } },
      { v: 1, type: 'configure', settings: { ...SETTINGS, text: { ...text, number: 'x'.repeat(301) } } },
      { v: 1, type: 'configure', settings: { ...SETTINGS, timeoutMs: 0 } },
    ]) {
      expect(parseHostMessage(data), JSON.stringify(data)).toBeNull();
    }
  });

  it('keeps only the texts it knows', () => {
    const parsed = parseHostMessage({
      v: 1,
      type: 'configure',
      settings: { ...SETTINGS, text: { ...text, extra: 'x' } },
    });
    expect(parsed?.type === 'configure' && Object.keys(parsed.settings.text)).toEqual([...CARD_TEXT_KEYS]);
  });
});

describe('the theme the frame takes', () => {
  it('keeps colours, lengths and font stacks', () => {
    const theme = {
      scheme: 'dark',
      text: 'rgb(17, 24, 39)',
      muted: 'oklch(0.7 0.02 250 / 80%)',
      field: 'rebeccapurple',
      border: '#7b8494',
      radius: '0.5rem',
      spacing: '14px',
      font: '"Noto Sans Thai", system-ui, sans-serif',
      fontSize: '17px',
    };
    expect(parseTheme(theme)).toEqual(theme);
  });

  it('drops anything that could fetch, end a declaration or pull in other variables', () => {
    expect(
      parseTheme({
        scheme: 'sepia',
        text: 'url(https://evil.example/x.png)',
        muted: 'red; background: url(x)',
        field: 'var(--other)',
        border: 'image-set("x.png" 1x)',
        radius: '8px }',
        spacing: 'calc(100vw)',
        font: 'Inter; } body { background: url(x)',
        fontSize: 'expression(alert(1))',
        primary: `#${'1'.repeat(9)}`,
      }),
    ).toEqual({ scheme: 'light' });
  });
});

describe('what the widget accepts from its frame', () => {
  it('takes each message of the list', () => {
    expect(parseFrameMessage({ v: 1, type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseFrameMessage({ v: 1, type: 'submit' })).toEqual({ type: 'submit' });
    expect(parseFrameMessage({ v: 1, type: 'resize', height: 303.5 })).toEqual({ type: 'resize', height: 303.5 });
    expect(parseFrameMessage({ v: 1, type: 'state', invalid: ['number'] })).toEqual({
      type: 'state',
      invalid: ['number'],
    });
    expect(parseFrameMessage({ v: 1, type: 'checked', id: 1, invalid: [], empty: true })).toEqual({
      type: 'checked',
      id: 1,
      invalid: [],
      empty: true,
    });
    const card = { brand: 'Visa', lastDigits: '4242', expirationMonth: 12, expirationYear: 2031 };
    expect(
      parseFrameMessage({ v: 1, type: 'tokenized', id: 2, result: { ok: true, token: 'tokn_test_5x1', card } }),
    ).toEqual({ type: 'tokenized', id: 2, result: { ok: true, token: 'tokn_test_5x1', card } });
    expect(
      parseFrameMessage({
        v: 1,
        type: 'tokenized',
        id: 2,
        result: { ok: false, code: 'invalid_card', fields: ['expiry'] },
      }),
    ).toEqual({ type: 'tokenized', id: 2, result: { ok: false, code: 'invalid_card', fields: ['expiry'] } });
  });

  it('keeps only the token and what may be known of the card, never more', () => {
    const card = { brand: 'Visa', lastDigits: '4242', expirationMonth: 12, expirationYear: 2031, number: '4242' };
    const parsed = parseFrameMessage({
      v: 1,
      type: 'tokenized',
      id: 1,
      result: { ok: true, token: 'tokn_test_1', card },
    });
    expect(parsed).toEqual({
      type: 'tokenized',
      id: 1,
      result: {
        ok: true,
        token: 'tokn_test_1',
        card: { brand: 'Visa', lastDigits: '4242', expirationMonth: 12, expirationYear: 2031 },
      },
    });
  });

  it('drops unknown types, other versions and malformed messages', () => {
    for (const data of [
      undefined,
      { type: 'ready' },
      { v: '1', type: 'ready' },
      { v: 1, type: 'value', field: 'number', value: '4242' },
      { v: 1, type: 'resize', height: -1 },
      { v: 1, type: 'resize', height: 1e6 },
      { v: 1, type: 'state', invalid: ['email'] },
      { v: 1, type: 'checked', id: 1, invalid: [] },
      { v: 1, type: 'tokenized', id: 1, result: { ok: true, token: '4242424242424242', card: {} } },
      {
        v: 1,
        type: 'tokenized',
        id: 1,
        result: {
          ok: true,
          token: 'tokn_test_1',
          card: { brand: 'Visa', lastDigits: '424242', expirationMonth: 1, expirationYear: 2031 },
        },
      },
      { v: 1, type: 'tokenized', id: 1, result: { ok: false, code: 'used_token' } },
    ]) {
      expect(parseFrameMessage(data), JSON.stringify(data)).toBeNull();
    }
  });
});
