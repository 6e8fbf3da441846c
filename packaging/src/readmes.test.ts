// Each package's README is its page on npm. Where it shows the same code as the project
// README, it is the same snippet, byte for byte: install.test.ts runs or type-checks the
// project README's copy, so the npm page cannot drift from what was tested.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishablePackages, ROOT } from '../lib/packs.mjs';
import { parseSnippets, readSnippets } from '../lib/snippets.mjs';

const root = readSnippets(join(ROOT, 'README.md'));

describe('package READMEs', () => {
  for (const pkg of publishablePackages()) {
    it(`${pkg.name} has a README whose snippets are the project README's`, () => {
      const file = join(pkg.dir, 'README.md');
      expect(existsSync(file)).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(`# ${pkg.name}\n`)).toBe(true);
      for (const [name, code] of parseSnippets(text)) {
        expect(root.has(name), `${name} is not a snippet of README.md`).toBe(true);
        expect(code, name).toBe(root.get(name));
      }
    });
  }
});

describe('README snippets', () => {
  it('are found by name, after their marker', () => {
    const markdown = ['<!-- snippet: a.sh -->', '```sh', 'echo a', '```', '', '```sh', 'not marked', '```'].join('\n');
    expect([...parseSnippets(markdown)]).toEqual([['a.sh', 'echo a\n']]);
  });

  it('refuse a name used twice', () => {
    const block = ['<!-- snippet: a.sh -->', '```sh', 'echo a', '```'].join('\n');
    expect(() => parseSnippets(`${block}\n\n${block}`)).toThrow('two snippets are named a.sh');
  });

  it('include every piece of integration code the install test runs', () => {
    expect([...root.keys()].sort()).toEqual([
      'mount.ts',
      'router-hooks.ts',
      'sandbox-in-tests.ts',
      'sandbox.sh',
      'server.mjs',
      'testing-kit.ts',
      'verify-customer.ts',
    ]);
  });
});
