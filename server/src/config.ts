import { z } from 'zod';

/**
 * The proxy's whole configuration, read once from the environment at startup (the README's
 * table under "The proxy" lists every variable), frozen, and passed down. Nothing else reads `process.env`.
 */
export interface Config {
  readonly secretKey: string;
  readonly publicKey: string | undefined;
  readonly apiUrl: string;
  readonly vaultUrl: string;
  readonly omiseJsUrl: string;
  readonly apiVersion: string;
  /** An HTTP(S) proxy that calls to Omise go through, or none (the default). */
  readonly httpsProxy: string | undefined;
  readonly livemode: boolean;
  readonly port: number;
  readonly host: string;
  /** Origins allowed to call the proxy from a browser; empty means same origin only. */
  readonly allowedOrigins: readonly string[];
  readonly redisUrl: string | undefined;
  readonly upstreamTimeoutMs: number;
  readonly rateLimitIpPerMin: number;
  readonly rateLimitEmailPerHour: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Express `trust proxy`: false, true, a hop count, or a list of addresses/subnets. */
  readonly trustProxy: boolean | number | string;
  /** A built site to serve at `/` (the demo page and the widget bundle), or none. */
  readonly staticDir: string | undefined;
  readonly shutdownTimeoutMs: number;
  /** How long a client may take to send its request headers, from its first byte (or from connecting). */
  readonly headersTimeoutMs: number;
  /** How long a client may take to send its whole request, body included (not our answer's time). */
  readonly requestTimeoutMs: number;
  /** Where widgets load the card frame from (`GET /api/config` says so); none when unset. */
  readonly cardFrameUrl: string | undefined;
  /** The card frame this process serves on a port of its own, when `CARD_FRAME_PORT` is set. */
  readonly cardFrame: CardFrameConfig | undefined;
}

export interface CardFrameConfig {
  readonly port: number;
  /** The built frame (`web/dist/card-frame`). */
  readonly dir: string;
  /** Origins of the pages that may embed it; undefined: this server's own page origin and ALLOWED_ORIGINS. */
  readonly ancestors: readonly string[] | undefined;
  readonly fontOrigins: readonly string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const integer = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max}, got "${value}".`,
        });
        return z.NEVER;
      }
      return n;
    });

const url = (name: string, fallback: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const raw = value?.trim() || fallback;
      try {
        const parsed = new URL(raw);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
        return raw.replace(/\/+$/, '');
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be an http(s) URL, got "${raw}".` });
        return z.NEVER;
      }
    });

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A comma list of origins (`scheme://host[:port]`). */
const originList = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const item of (value ?? '').split(',')) {
        const raw = item.trim();
        if (!raw) continue;
        try {
          const origin = new URL(raw).origin;
          if (origin === 'null' || origin !== raw.replace(/\/$/, '')) throw new Error('not an origin');
          origins.push(origin);
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: `${name} holds "${raw}", which is not an origin; write scheme://host[:port], e.g. https://shop.example.com.`,
          });
        }
      }
      return origins;
    });

/**
 * An optional http(s) URL, normalised (`raw: false`) or as written (a proxy URL with its
 * credentials); `message` says what to write instead.
 */
const optionalUrl = (
  name: string,
  { raw = false, message = `${name} must be an http(s) URL` }: { raw?: boolean; message?: string } = {},
) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const written = value?.trim();
      if (!written) return undefined;
      try {
        const parsed = new URL(written);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
        return raw ? written : parsed.href;
      } catch {
        ctx.addIssue({ code: 'custom', message: raw ? message : `${message}, got "${written}".` });
        return z.NEVER;
      }
    });

const Env = z.object({
  OMISE_SECRET_KEY: optionalString,
  OMISE_PUBLIC_KEY: optionalString,
  OMISE_API_URL: url('OMISE_API_URL', 'https://api.omise.co'),
  OMISE_VAULT_URL: url('OMISE_VAULT_URL', 'https://vault.omise.co'),
  OMISE_JS_URL: url('OMISE_JS_URL', 'https://cdn.omise.co/omise.js'),
  OMISE_API_VERSION: z
    .string()
    .optional()
    .transform((v) => v?.trim() || '2019-05-29')
    .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'OMISE_API_VERSION must be a date like 2019-05-29.')),
  OMISE_HTTPS_PROXY: optionalUrl('OMISE_HTTPS_PROXY', {
    raw: true,
    message: 'OMISE_HTTPS_PROXY must be the URL of an HTTP(S) proxy, e.g. http://proxy.internal:3128, or unset.',
  }),
  PORT: integer('PORT', 3000, 0, 65535),
  HOST: z
    .string()
    .optional()
    .transform((v) => v?.trim() || '127.0.0.1'),
  ALLOWED_ORIGINS: originList('ALLOWED_ORIGINS'),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'REDIS_URL must start with redis:// or rediss://.',
  }),
  UPSTREAM_TIMEOUT_MS: integer('UPSTREAM_TIMEOUT_MS', 10_000, 1, 600_000),
  RATE_LIMIT_IP_PER_MIN: integer('RATE_LIMIT_IP_PER_MIN', 20, 0),
  RATE_LIMIT_EMAIL_PER_HOUR: integer('RATE_LIMIT_EMAIL_PER_HOUR', 5, 0),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => v?.trim().toLowerCase() || 'info')
    .pipe(z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` })),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value): boolean | number | string => {
      const raw = value?.trim() ?? '';
      if (raw === '' || raw === 'false') return false;
      if (raw === 'true') return true;
      return /^\d+$/.test(raw) ? Number(raw) : raw;
    }),
  STATIC_DIR: optionalString,
  SHUTDOWN_TIMEOUT_MS: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
  // Seconds, not Node's minutes: a slow client (slowloris) holds a socket no longer than this.
  HEADERS_TIMEOUT_MS: integer('HEADERS_TIMEOUT_MS', 10_000, 1, 600_000),
  REQUEST_TIMEOUT_MS: integer('REQUEST_TIMEOUT_MS', 30_000, 1, 600_000),
  CARD_FRAME_PORT: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const n = Number(value);
      if (Number.isInteger(n) && n >= 0 && n <= 65535) return n;
      ctx.addIssue({
        code: 'custom',
        message: `CARD_FRAME_PORT must be a whole number from 0 to 65535, got "${value}".`,
      });
      return z.NEVER;
    }),
  CARD_FRAME_URL: optionalUrl('CARD_FRAME_URL'),
  CARD_FRAME_ANCESTORS: originList('CARD_FRAME_ANCESTORS'),
  CARD_FRAME_DIR: optionalString,
  CARD_FRAME_FONT_ORIGINS: originList('CARD_FRAME_FONT_ORIGINS'),
});

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** The checks of the card frame's settings against each other and the rest. */
function cardFrameProblems(env: z.infer<typeof Env>): string[] {
  const problems: string[] = [];
  if (env.CARD_FRAME_PORT === undefined) return problems;
  if (!env.CARD_FRAME_DIR) {
    problems.push(
      'CARD_FRAME_PORT is set, so set CARD_FRAME_DIR to the built card frame (web/dist/card-frame; `pnpm build` makes it).',
    );
  }
  if (env.OMISE_PUBLIC_KEY === undefined) {
    problems.push('CARD_FRAME_PORT is set, and the card frame tokenizes with your public key: set OMISE_PUBLIC_KEY.');
  }
  if (!env.CARD_FRAME_URL && !LOOPBACK.test(env.HOST)) {
    problems.push(
      'CARD_FRAME_PORT is set and HOST is not a loopback address: set CARD_FRAME_URL to where shoppers reach the frame, e.g. https://card.shop.example/.',
    );
  }
  if (env.CARD_FRAME_PORT !== 0 && env.CARD_FRAME_PORT === env.PORT) {
    problems.push('CARD_FRAME_PORT must differ from PORT: the card frame needs an origin of its own.');
  }
  return problems;
}

const isLive = (key: string) => !key.includes('_test_');

/** The checks a schema cannot express alone: keys that contradict each other or the URLs. */
function keyProblems(env: z.infer<typeof Env>): string[] {
  const problems: string[] = [];
  const secret = env.OMISE_SECRET_KEY;
  const pub = env.OMISE_PUBLIC_KEY;
  if (secret === undefined) {
    problems.push(
      'OMISE_SECRET_KEY is not set. Set it to your secret key (skey_…) from the Omise dashboard, or run `pnpm start`, which starts the local sandbox and its test keys for you.',
    );
  } else if (secret.startsWith('pkey_')) {
    problems.push(
      'OMISE_SECRET_KEY holds a public key (pkey_…). Put the secret key (skey_…) here and the public key in OMISE_PUBLIC_KEY.',
    );
  } else if (!/^skey_(test_)?\w+$/.test(secret)) {
    problems.push('OMISE_SECRET_KEY must be an Omise secret key: skey_test_… or skey_… .');
  }
  if (pub !== undefined) {
    if (pub.startsWith('skey_')) {
      problems.push(
        'OMISE_PUBLIC_KEY holds a secret key (skey_…). Never hand a secret key to the browser: use the public key (pkey_…).',
      );
    } else if (!/^pkey_(test_)?\w+$/.test(pub)) {
      problems.push('OMISE_PUBLIC_KEY must be an Omise public key: pkey_test_… or pkey_… .');
    }
  }
  if (secret?.startsWith('skey_') && pub?.startsWith('pkey_') && isLive(secret) !== isLive(pub)) {
    problems.push(
      `The keys mix modes: OMISE_SECRET_KEY is a ${isLive(secret) ? 'live' : 'test'} key and OMISE_PUBLIC_KEY a ${isLive(pub) ? 'live' : 'test'} key. Use the pair from one mode of the dashboard.`,
    );
  }
  if (secret?.startsWith('skey_') && isLive(secret)) {
    for (const [name, value] of [
      ['OMISE_API_URL', env.OMISE_API_URL],
      ['OMISE_VAULT_URL', env.OMISE_VAULT_URL],
      ['OMISE_JS_URL', env.OMISE_JS_URL],
    ] as const) {
      if (value.startsWith('http:')) {
        problems.push(`${name} is plain http, and a live key must never travel unencrypted: use https.`);
      }
    }
  }
  return problems;
}

/**
 * Parses the environment into a frozen Config, or throws a ConfigError that lists every
 * problem with its fix. @example const config = loadConfig(process.env)
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  const e = parsed.data;
  const problems = [...keyProblems(e), ...cardFrameProblems(e)];
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) {
    problems.push(
      `HEADERS_TIMEOUT_MS (${e.HEADERS_TIMEOUT_MS}) must not exceed REQUEST_TIMEOUT_MS (${e.REQUEST_TIMEOUT_MS}): the headers are part of the request.`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const secretKey = e.OMISE_SECRET_KEY as string;
  return Object.freeze({
    secretKey,
    publicKey: e.OMISE_PUBLIC_KEY,
    apiUrl: e.OMISE_API_URL,
    vaultUrl: e.OMISE_VAULT_URL,
    omiseJsUrl: e.OMISE_JS_URL,
    apiVersion: e.OMISE_API_VERSION,
    httpsProxy: e.OMISE_HTTPS_PROXY,
    livemode: isLive(secretKey),
    port: e.PORT,
    host: e.HOST,
    allowedOrigins: Object.freeze(e.ALLOWED_ORIGINS),
    redisUrl: e.REDIS_URL,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    rateLimitIpPerMin: e.RATE_LIMIT_IP_PER_MIN,
    rateLimitEmailPerHour: e.RATE_LIMIT_EMAIL_PER_HOUR,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    staticDir: e.STATIC_DIR,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    cardFrameUrl: e.CARD_FRAME_URL,
    cardFrame:
      e.CARD_FRAME_PORT === undefined
        ? undefined
        : Object.freeze({
            port: e.CARD_FRAME_PORT,
            dir: e.CARD_FRAME_DIR as string,
            ancestors: e.CARD_FRAME_ANCESTORS.length ? Object.freeze(e.CARD_FRAME_ANCESTORS) : undefined,
            fontOrigins: Object.freeze(e.CARD_FRAME_FONT_ORIGINS),
          }),
  });
}
