import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardFieldsHandle } from './CardFields.tsx';
import { type CardValues, readCard } from './card-rules.ts';
import { createLocalCard, type OmiseKeys } from './card-source.ts';
import { CARD_TEXT_KEYS, type CardText } from './frame/protocol.ts';
import { en } from './i18n/en.ts';
import { resetOmiseLoads } from './tokenizer.ts';

const text = Object.fromEntries(CARD_TEXT_KEYS.map((key) => [key, en[key]])) as CardText;
const VISA: CardValues = {
  name: 'Somchai Jaidee',
  number: '4242 4242 4242 4242',
  expiry: '12/34',
  securityCode: '123',
};

/** Card fields holding `values` (change them through the returned object), and Omise.js numbering its tokens. */
function setup(keys: OmiseKeys = { publicKey: 'pkey_test_1', omiseJsUrl: 'https://cdn.example/omise.js' }) {
  const state = { values: VISA, keys };
  const fields: CardFieldsHandle = {
    check: vi.fn(() => ({ invalid: [], empty: false })),
    read: () => readCard(state.values, 'required', text),
    refuse: vi.fn(),
    focus: vi.fn(),
  };
  let made = 0;
  const createToken = vi.fn((_type: 'card', _card: unknown, done: (status: number, response: { id: string }) => void) =>
    done(200, { id: `tokn_test_${++made}` }),
  );
  window.Omise = { setPublicKey: vi.fn(), createToken };
  const card = createLocalCard({ fields: () => fields, keys: async () => state.keys, timeoutMs: () => 1000 });
  return { card, state, fields, createToken };
}

afterEach(() => {
  resetOmiseLoads();
  delete window.Omise;
});

describe('the card source over fields in this document', () => {
  it('tokenizes the card and says what may be known of it', async () => {
    const { card, createToken } = setup();
    await expect(card.tokenize()).resolves.toEqual({
      token: 'tokn_test_1',
      card: { brand: 'Visa', lastDigits: '4242', expirationMonth: 12, expirationYear: 2034 },
    });
    expect(createToken).toHaveBeenCalledWith(
      'card',
      {
        name: 'Somchai Jaidee',
        number: '4242424242424242',
        expiration_month: 12,
        expiration_year: 2034,
        security_code: '123',
      },
      expect.any(Function),
    );
  });

  it('hands out the token made for the same details again, until it is spent', async () => {
    const { card, state, createToken } = setup();
    expect((await card.tokenize()).token).toBe('tokn_test_1');
    state.values = { ...VISA, number: '5555 5555 5555 4444' };
    expect((await card.tokenize()).token).toBe('tokn_test_2');
    state.values = VISA;
    expect((await card.tokenize()).token).toBe('tokn_test_1');
    card.spent('tokn_test_1');
    expect((await card.tokenize()).token).toBe('tokn_test_3');
    expect(createToken).toHaveBeenCalledTimes(3);
  });

  it('makes another token for the same details under another public key', async () => {
    const { card, state } = setup();
    expect((await card.tokenize()).token).toBe('tokn_test_1');
    state.keys = { ...state.keys, publicKey: 'pkey_test_2' };
    expect((await card.tokenize()).token).toBe('tokn_test_2');
  });

  it('refuses to tokenize fields that no longer pass their checks', async () => {
    const { card, state, createToken } = setup();
    state.values = { ...VISA, securityCode: '1' };
    await expect(card.tokenize()).rejects.toMatchObject({ failure: { code: 'token_failed' } });
    expect(createToken).not.toHaveBeenCalled();
  });

  it('passes checks, refusals and focus on to the fields', async () => {
    const { card, fields } = setup();
    await expect(card.check()).resolves.toEqual({ invalid: [], empty: false });
    card.refuse(['expiry']);
    card.focus('number');
    expect(fields.refuse).toHaveBeenCalledWith(['expiry']);
    expect(fields.focus).toHaveBeenCalledWith('number');
  });
});
