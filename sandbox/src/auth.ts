export interface BasicAuth {
  user: string;
  password: string;
}

/** Decodes `Authorization: Basic base64(user:password)`; null when absent or not Basic. */
export function parseBasicAuth(header: string | undefined): BasicAuth | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=_-]*)\s*$/i.exec(header) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return { user: decoded, password: '' };
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export type KeyKind = 'secret' | 'public';

const DEFAULT_PATTERN: Record<KeyKind, RegExp> = {
  secret: /^skey_test_[A-Za-z0-9_]+$/,
  public: /^pkey_test_[A-Za-z0-9_]+$/,
};

/**
 * Which keys a listener takes, as Omise splits them: secret keys on the API, public keys on the vault
 * (docs.omise.co/api-authentication). Without a configured list, any test key of the right kind passes.
 */
export class KeyRing {
  constructor(
    private readonly secretKeys: readonly string[] | undefined,
    private readonly publicKeys: readonly string[] | undefined,
  ) {}

  accepts(kind: KeyKind, key: string): boolean {
    const configured = kind === 'secret' ? this.secretKeys : this.publicKeys;
    return configured ? configured.includes(key) : DEFAULT_PATTERN[kind].test(key);
  }
}

/** The key pair `pnpm sandbox` prints when none is configured (test keys: `_test_` + 19 characters). */
export const DEFAULT_SECRET_KEY = 'skey_test_sandbox000000000000';
export const DEFAULT_PUBLIC_KEY = 'pkey_test_sandbox000000000000';
