import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_TIMEOUT_MS, readSettings, type SignupOptions } from './options.ts';

describe('the options, read once', () => {
  it('fill in every default', () => {
    document.documentElement.lang = '';
    expect(readSettings({})).toEqual({
      publicKey: undefined,
      endpoint: '/api/customers',
      omiseJsUrl: undefined,
      locale: 'en',
      card: 'required',
      description: undefined,
      theme: 'auto',
      tokenTimeoutMs: DEFAULT_TOKEN_TIMEOUT_MS,
      disabled: false,
      cardFrameUrl: undefined,
      cardIsolation: undefined,
      fontStylesheet: undefined,
      onSuccess: undefined,
      onError: undefined,
    });
  });

  it('fall back to the safe default for a value they do not know, as attributes may hold anything', () => {
    const attributes = {
      card: 'sometimes',
      theme: 'blue',
      tokenTimeoutMs: Number('soon'),
      cardIsolation: 'iframe',
      locale: 'fr',
      endpoint: '',
    } as unknown as SignupOptions;
    expect(readSettings(attributes)).toMatchObject({
      card: 'required',
      theme: 'auto',
      tokenTimeoutMs: DEFAULT_TOKEN_TIMEOUT_MS,
      cardIsolation: undefined,
      locale: 'en',
      endpoint: '/api/customers',
    });
  });

  it('take the locale from the closest lang around the element, and keep what is valid', () => {
    const el = document.createElement('div');
    const section = document.createElement('section');
    section.lang = 'th-TH';
    section.append(el);
    expect(
      readSettings(
        {
          card: 'none',
          theme: 'dark',
          tokenTimeoutMs: 5000,
          cardIsolation: 'inline',
          cardFrameUrl: 'https://card.example/',
        },
        el,
      ),
    ).toMatchObject({
      locale: 'th',
      card: 'none',
      theme: 'dark',
      tokenTimeoutMs: 5000,
      cardIsolation: 'inline',
      cardFrameUrl: 'https://card.example/',
    });
  });
});
