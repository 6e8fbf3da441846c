import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const keys = { OMISE_SECRET_KEY: 'skey_test_5xs9k1lg8nq5bqk2v6a', OMISE_PUBLIC_KEY: 'pkey_test_5xs9k1lg3y2pbmtkq5l' };

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(keys);
    expect(config).toMatchObject({
      apiUrl: 'https://api.omise.co',
      vaultUrl: 'https://vault.omise.co',
      omiseJsUrl: 'https://cdn.omise.co/omise.js',
      apiVersion: '2019-05-29',
      port: 3000,
      host: '127.0.0.1',
      allowedOrigins: [],
      redisUrl: undefined,
      upstreamTimeoutMs: 10_000,
      rateLimitIpPerMin: 20,
      rateLimitEmailPerHour: 5,
      logLevel: 'info',
      trustProxy: false,
      livemode: false,
      httpsProxy: undefined,
    });
  });

  it('returns a frozen object', () => {
    const config = loadConfig(keys);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.allowedOrigins)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...keys,
      OMISE_API_URL: 'http://127.0.0.1:4010/',
      OMISE_VAULT_URL: 'http://127.0.0.1:4011',
      OMISE_JS_URL: 'http://127.0.0.1:4011/omise.js',
      OMISE_API_VERSION: '2014-07-27',
      OMISE_HTTPS_PROXY: 'http://proxy.internal:3128',
      PORT: '0',
      HOST: '0.0.0.0',
      ALLOWED_ORIGINS: 'https://shop.example.com, http://localhost:5173/',
      REDIS_URL: 'redis://127.0.0.1:6379',
      UPSTREAM_TIMEOUT_MS: '2500',
      RATE_LIMIT_IP_PER_MIN: '0',
      RATE_LIMIT_EMAIL_PER_HOUR: '3',
      LOG_LEVEL: 'WARN',
      TRUST_PROXY: '1',
    });
    expect(config).toMatchObject({
      apiUrl: 'http://127.0.0.1:4010',
      apiVersion: '2014-07-27',
      httpsProxy: 'http://proxy.internal:3128',
      port: 0,
      host: '0.0.0.0',
      allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'],
      redisUrl: 'redis://127.0.0.1:6379',
      upstreamTimeoutMs: 2500,
      rateLimitIpPerMin: 0,
      rateLimitEmailPerHour: 3,
      logLevel: 'warn',
      trustProxy: 1,
    });
  });

  it('serves no card frame by default, and reads its settings when CARD_FRAME_PORT is set', () => {
    expect(loadConfig(keys)).toMatchObject({ cardFrame: undefined, cardFrameUrl: undefined });
    const config = loadConfig({
      ...keys,
      CARD_FRAME_PORT: '3001',
      CARD_FRAME_DIR: '/srv/web/dist/card-frame',
      CARD_FRAME_URL: 'https://card.shop.example',
      CARD_FRAME_ANCESTORS: 'https://shop.example, https://www.shop.example/',
      CARD_FRAME_FONT_ORIGINS: 'https://fonts.googleapis.com,https://fonts.gstatic.com',
    });
    expect(config.cardFrameUrl).toBe('https://card.shop.example/');
    expect(config.cardFrame).toEqual({
      port: 3001,
      dir: '/srv/web/dist/card-frame',
      ancestors: ['https://shop.example', 'https://www.shop.example'],
      fontOrigins: ['https://fonts.googleapis.com', 'https://fonts.gstatic.com'],
    });
    expect(Object.isFrozen(config.cardFrame)).toBe(true);
    // A frame served elsewhere: only its URL, for GET /api/config.
    expect(loadConfig({ ...keys, CARD_FRAME_URL: 'https://card.shop.example/' })).toMatchObject({
      cardFrame: undefined,
      cardFrameUrl: 'https://card.shop.example/',
    });
  });

  it('says what the card frame is missing before it starts one', () => {
    expect(problems({ OMISE_SECRET_KEY: keys.OMISE_SECRET_KEY, CARD_FRAME_PORT: '3001', HOST: '0.0.0.0' })).toEqual([
      'CARD_FRAME_PORT is set, so set CARD_FRAME_DIR to the built card frame (web/dist/card-frame; `pnpm build` makes it).',
      'CARD_FRAME_PORT is set, and the card frame tokenizes with your public key: set OMISE_PUBLIC_KEY.',
      'CARD_FRAME_PORT is set and HOST is not a loopback address: set CARD_FRAME_URL to where shoppers reach the frame, e.g. https://card.shop.example/.',
    ]);
    expect(problems({ ...keys, CARD_FRAME_PORT: '3000', CARD_FRAME_DIR: '/x' })).toEqual([
      'CARD_FRAME_PORT must differ from PORT: the card frame needs an origin of its own.',
    ]);
    expect(problems({ ...keys, CARD_FRAME_PORT: 'x', CARD_FRAME_URL: 'card.shop.example' })).toEqual([
      'CARD_FRAME_PORT must be a whole number from 0 to 65535, got "x".',
      'CARD_FRAME_URL must be an http(s) URL, got "card.shop.example".',
    ]);
  });

  it('refuses to start without a secret key and says how to get one', () => {
    expect(problems({})).toEqual([
      'OMISE_SECRET_KEY is not set. Set it to your secret key (skey_…) from the Omise dashboard, or run `pnpm start`, which starts the local sandbox and its test keys for you.',
    ]);
  });

  it('refuses a public key given as the secret', () => {
    expect(problems({ OMISE_SECRET_KEY: 'pkey_test_5xs9k1lg3y2pbmtkq5l' })).toEqual([
      'OMISE_SECRET_KEY holds a public key (pkey_…). Put the secret key (skey_…) here and the public key in OMISE_PUBLIC_KEY.',
    ]);
  });

  it('refuses a secret key given as the public one', () => {
    expect(problems({ ...keys, OMISE_PUBLIC_KEY: keys.OMISE_SECRET_KEY })).toEqual([
      'OMISE_PUBLIC_KEY holds a secret key (skey_…). Never hand a secret key to the browser: use the public key (pkey_…).',
    ]);
  });

  it('refuses test and live keys mixed', () => {
    expect(problems({ ...keys, OMISE_PUBLIC_KEY: 'pkey_5xs9k1lg3y2pbmtkq5l' })).toEqual([
      'The keys mix modes: OMISE_SECRET_KEY is a test key and OMISE_PUBLIC_KEY a live key. Use the pair from one mode of the dashboard.',
    ]);
  });

  it('refuses a live key over plain http', () => {
    expect(problems({ OMISE_SECRET_KEY: 'skey_5xs9k1lg8nq5bqk2v6a', OMISE_API_URL: 'http://api.example.com' })).toEqual(
      ['OMISE_API_URL is plain http, and a live key must never travel unencrypted: use https.'],
    );
  });

  it('allows a test key over plain http, for the sandbox', () => {
    expect(loadConfig({ ...keys, OMISE_API_URL: 'http://127.0.0.1:4010' }).apiUrl).toBe('http://127.0.0.1:4010');
  });

  it('lists every malformed value at once', () => {
    expect(
      problems({
        ...keys,
        PORT: 'eighty',
        OMISE_API_URL: 'ftp://x',
        ALLOWED_ORIGINS: 'https://ok.example.com,https://shop.example.com/path',
        LOG_LEVEL: 'loud',
        REDIS_URL: 'localhost:6379',
      }),
    ).toEqual([
      'OMISE_API_URL must be an http(s) URL, got "ftp://x".',
      'PORT must be a whole number from 0 to 65535, got "eighty".',
      'ALLOWED_ORIGINS holds "https://shop.example.com/path", which is not an origin; write scheme://host[:port], e.g. https://shop.example.com.',
      'REDIS_URL must start with redis:// or rediss://.',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.',
    ]);
  });

  it('never puts a key in its messages', () => {
    const secret = 'skey_5xs9k1lg8nq5bqk2v6a';
    const message = (() => {
      try {
        loadConfig({ OMISE_SECRET_KEY: secret, OMISE_PUBLIC_KEY: 'pkey_test_1', OMISE_API_URL: 'http://x' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('mix modes');
    expect(message).not.toContain(secret);
  });

  it('refuses an egress proxy that is not an http(s) URL, without repeating it (it may hold a password)', () => {
    const found = problems({ ...keys, OMISE_HTTPS_PROXY: 'socks5://user:s3cret@proxy.internal:1080' });
    expect(found).toEqual([
      'OMISE_HTTPS_PROXY must be the URL of an HTTP(S) proxy, e.g. http://proxy.internal:3128, or unset.',
    ]);
  });
});
