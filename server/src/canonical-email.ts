import { domainToASCII } from 'node:url';

/**
 * Domains that are one mailbox namespace under several names: the same user name reaches the
 * same person at each (Gmail's googlemail.com; an Apple ID's icloud.com, me.com and mac.com;
 * a Proton account's proton.me, protonmail.com, protonmail.ch and pm.me).
 */
const SAME_MAILBOX: Readonly<Record<string, string>> = {
  'googlemail.com': 'gmail.com',
  'me.com': 'icloud.com',
  'mac.com': 'icloud.com',
  'protonmail.com': 'proton.me',
  'protonmail.ch': 'proton.me',
  'pm.me': 'proton.me',
};

/** Where dots in the user name are ignored: Gmail delivers `vi.ctim` to `victim`. */
const DOTS_IGNORED = new Set(['gmail.com']);

/**
 * The key the per-email rate limit counts under: every spelling that reaches the same mailbox
 * maps to one address, so `Victim+1@`, `victim+2@` and (at Gmail) `vi.ctim@` share one quota.
 * The address is NFKC-normalised and whitespace around it and its `@` goes; the domain is
 * lowercased, its IDN labels written in ASCII (punycode), a trailing dot dropped, and aliased
 * domains map to one; the user name is lowercased and a `+tag` dropped, for every domain. Only for keys: the
 * customer keeps the address as typed. Folding too much merges quotas, which only tightens them.
 * @example canonicalEmail(' Vi.Ctim+promo@GoogleMail.com ') // 'victim@gmail.com'
 */
export function canonicalEmail(address: string): string {
  // NFKC first, so that a full-width ＠ or letters are the ASCII ones.
  const text = address.normalize('NFKC').trim();
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return text.toLowerCase();
  const rawDomain = text
    .slice(at + 1)
    .trim()
    .replace(/\.+$/, '');
  // UTS #46, as browsers resolve it: `Bücher.example` and `xn--bcher-kva.example` are one domain.
  const ascii = domainToASCII(rawDomain);
  const named = ascii === '' ? rawDomain.toLowerCase() : ascii;
  const domain = SAME_MAILBOX[named] ?? named;
  let user = text.slice(0, at).trim().toLowerCase();
  // `+tag` subaddressing (RFC 5233) is understood by Gmail, Outlook, iCloud, Proton, Fastmail…
  const plus = user.indexOf('+');
  if (plus > 0) user = user.slice(0, plus);
  if (DOTS_IGNORED.has(domain)) user = user.replaceAll('.', '') || user;
  return `${user}@${domain}`;
}
