import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createToken,
  loadOmise,
  type OmiseJs,
  type OmiseResponse,
  resetOmiseLoads,
  vaultFailure,
} from './tokenizer.ts';

const CARD = {
  name: 'Somchai Jaidee',
  number: '4242424242424242',
  expiration_month: 12,
  expiration_year: 2034,
  security_code: '123',
};

type Answer = (statusCode: number, response: OmiseResponse) => void;

/** A stand-in for window.Omise; `answer` decides what createToken calls back with, if anything. */
function fakeOmise(answer: (respond: Answer) => void = (respond) => respond(200, { id: 'tokn_test_5fzs' })) {
  const omise = {
    setPublicKey: vi.fn(),
    createToken: vi.fn((_type: 'card', _card: unknown, respond: Answer) => answer(respond)),
  } satisfies OmiseJs;
  window.Omise = omise;
  return omise;
}

const options = (loadScript: (url: string) => Promise<void>) => ({
  publicKey: 'pkey_test_5fzs',
  omiseJsUrl: 'https://vault.example/omise.js',
  timeoutMs: 1000,
  loadScript,
});

beforeEach(() => resetOmiseLoads());
afterEach(() => {
  delete window.Omise;
  vi.useRealTimers();
});

describe('tokenizer', () => {
  it('loads Omise.js once per URL and creates a token with the digits and a 4-digit year', async () => {
    const omise = fakeOmise();
    const load = vi.fn(async () => {});
    await expect(createToken(CARD, options(load))).resolves.toBe('tokn_test_5fzs');
    await expect(createToken(CARD, options(load))).resolves.toBe('tokn_test_5fzs');
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith('https://vault.example/omise.js');
    expect(omise.setPublicKey).toHaveBeenCalledWith('pkey_test_5fzs');
    expect(omise.createToken).toHaveBeenCalledWith('card', CARD, expect.any(Function));
  });

  it('forgets a failed load, so the next attempt loads again and works', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    fakeOmise();
    await expect(createToken(CARD, options(load))).rejects.toMatchObject({
      name: 'TokenizeError',
      failure: { code: 'omise_js_unavailable' },
    });
    await expect(createToken(CARD, options(load))).resolves.toBe('tokn_test_5fzs');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('counts a script that loads but defines no window.Omise as a failed load', async () => {
    await expect(loadOmise('https://wrong.example/app.js', 1000, async () => {})).rejects.toMatchObject({
      failure: { code: 'omise_js_unavailable' },
    });
  });

  it('gives up on a token request that never answers, with a retryable error', async () => {
    vi.useFakeTimers();
    fakeOmise(() => {});
    const token = createToken(
      CARD,
      options(async () => {}),
    );
    const outcome = expect(token).rejects.toMatchObject({ failure: { code: 'token_timeout' } });
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
  });

  it('gives up on Omise.js that never loads, and tries again next time', async () => {
    vi.useFakeTimers();
    const load = vi
      .fn()
      .mockReturnValueOnce(new Promise(() => {}))
      .mockResolvedValue(undefined);
    fakeOmise();
    const first = expect(createToken(CARD, options(load))).rejects.toMatchObject({
      failure: { code: 'omise_js_unavailable' },
    });
    await vi.advanceTimersByTimeAsync(1000);
    await first;
    await expect(createToken(CARD, options(load))).resolves.toBe('tokn_test_5fzs');
  });

  it('maps the vault’s refusal to the field it names', async () => {
    fakeOmise((respond) =>
      respond(400, { code: 'invalid_card', message: 'expiration date cannot be in the past and number is invalid' }),
    );
    await expect(
      createToken(
        CARD,
        options(async () => {}),
      ),
    ).rejects.toMatchObject({
      failure: { code: 'invalid_card', fields: ['number', 'expiry'] },
    });
  });
});

describe('vault errors', () => {
  it.each([
    ['number is invalid and brand not supported (unknown)', ['number']],
    ['expiration month is not between 1 and 12', ['expiry']],
    ["name can't be blank", ['name']],
    ['security code is invalid', ['securityCode']],
    ['something else entirely', ['number']],
  ])('invalid_card "%s" concerns %j', (message, fields) => {
    expect(vaultFailure({ code: 'invalid_card', message })).toEqual({ code: 'invalid_card', fields });
  });

  it('treats a failed fraud check as a refused card number', () => {
    expect(vaultFailure({ code: 'failed_fraud_check', message: 'card was rejected' })).toEqual({
      code: 'invalid_card',
      fields: ['number'],
    });
  });

  it('reports any other vault answer as a failed tokenization', () => {
    expect(vaultFailure({ code: 'rpc_error', message: 'unable to connect to provider after timeout' })).toEqual({
      code: 'token_failed',
    });
    expect(vaultFailure({ code: 'authentication_failure', message: 'authentication failed' })).toEqual({
      code: 'token_failed',
    });
    expect(vaultFailure(undefined)).toEqual({ code: 'token_failed' });
  });
});
