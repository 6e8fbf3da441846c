import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEmail } from './canonical-email.ts';

const RUNS = { numRuns: 1000, seed: 13 };
const user = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/).filter((name) => !name.includes('..'));
const domain = fc.oneof(
  fc.constantFrom('example.com', 'gmail.com', 'outlook.com', 'yahoo.co.th', 'icloud.com', 'xn--bcher-kva.example'),
  fc.domain(),
);
const email = fc.tuple(user, domain).map(([name, host]) => `${name}@${host}`);
const tag = fc.stringMatching(/^[a-z0-9._+-]{0,12}$/);
/** Upper-cases each letter of `text` where `flags` says so. */
const recase = (text: string, flags: boolean[]) =>
  Array.from(text, (char, i) => (flags[i % flags.length] ? char.toUpperCase() : char)).join('');

describe('canonicalEmail', () => {
  it.each([
    ['Victim@Example.COM', 'victim@example.com'],
    ['victim+1@example.com', 'victim@example.com'],
    ['victim+promo+2026@example.com', 'victim@example.com'],
    ['vi.ctim@gmail.com', 'victim@gmail.com'],
    ['V.I.C.T.I.M+spam@GoogleMail.com', 'victim@gmail.com'],
    ['vi.ctim@example.com', 'vi.ctim@example.com'],
    ['  victim@example.com\t', 'victim@example.com'],
    ['victim @ example.com', 'victim@example.com'],
    ['victim@example.com.', 'victim@example.com'],
    ['victim@Bücher.Example', 'victim@xn--bcher-kva.example'],
    ['victim@xn--bcher-kva.example', 'victim@xn--bcher-kva.example'],
    ['ｖｉｃｔｉｍ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'victim@example.com'],
    ['victim@me.com', 'victim@icloud.com'],
    ['victim+x@mac.com', 'victim@icloud.com'],
    ['victim@protonmail.com', 'victim@proton.me'],
    ['victim@pm.me', 'victim@proton.me'],
    ['+tag@example.com', '+tag@example.com'],
    ['...@gmail.com', '...@gmail.com'],
    ['not an address', 'not an address'],
  ])('keys %j as %j', (address, key) => {
    expect(canonicalEmail(address)).toBe(key);
  });

  it('is stable: a canonical address is its own key', () => {
    fc.assert(
      fc.property(fc.oneof(email, fc.string({ maxLength: 40 })), (address) => {
        expect(canonicalEmail(canonicalEmail(address))).toBe(canonicalEmail(address));
      }),
      RUNS,
    );
  });

  it('gives every +tag of an address, at any domain, the key of the address', () => {
    fc.assert(
      fc.property(user, domain, tag, (name, host, extra) => {
        expect(canonicalEmail(`${name}+${extra}@${host}`)).toBe(canonicalEmail(`${name}@${host}`));
      }),
      RUNS,
    );
  });

  it('ignores letter case and surrounding whitespace everywhere', () => {
    fc.assert(
      fc.property(
        email,
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.constantFrom('', ' ', '\t', '\n '),
        (address, flags, space) => {
          expect(canonicalEmail(`${space}${recase(address, flags)}${space}`)).toBe(canonicalEmail(address));
        },
      ),
      RUNS,
    );
  });

  it('ignores dots in a Gmail user name, at gmail.com and googlemail.com, and only there', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{2,12}$/),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        (name, cuts) => {
          let dotted = name;
          for (const cut of cuts) {
            const at = 1 + (cut % (dotted.length - 1));
            if (dotted[at - 1] !== '.' && dotted[at] !== '.') dotted = `${dotted.slice(0, at)}.${dotted.slice(at)}`;
          }
          expect(canonicalEmail(`${dotted}@gmail.com`)).toBe(`${name}@gmail.com`);
          expect(canonicalEmail(`${dotted}@googlemail.com`)).toBe(`${name}@gmail.com`);
          expect(canonicalEmail(`${dotted}@example.com`)).toBe(`${dotted}@example.com`);
        },
      ),
      RUNS,
    );
  });

  it('keeps different mailboxes apart', () => {
    fc.assert(
      fc.property(user, user, fc.constantFrom('example.com', 'outlook.com', 'yahoo.co.th'), (a, b, host) => {
        fc.pre(a !== b);
        expect(canonicalEmail(`${a}@${host}`)).not.toBe(canonicalEmail(`${b}@${host}`));
      }),
      RUNS,
    );
  });
});
