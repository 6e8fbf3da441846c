// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const web = fileURLToPath(new URL('..', import.meta.url));
// The workspace's TypeScript (root devDependency); its exports do not include bin/.
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');

describe('JSX declarations', () => {
  // types-test/*.tsx use <omise-signup> in React 19 and Preact through the package's exports
  // (dist/esm/jsx-*.d.ts), with @ts-expect-error on a wrong card, locale, theme, required and
  // an unknown attribute: an unused @ts-expect-error is an error too.
  it('type-check <omise-signup> in React and Preact, and refuse wrong attribute values', () => {
    expect(
      existsSync(`${web}dist/esm/jsx-react.d.ts`),
      'dist/esm/jsx-react.d.ts is missing: run `pnpm --filter @omise-signup/web build` first',
    ).toBe(true);
    const run = spawnSync(process.execPath, [tsc, '-p', 'types-test/tsconfig.json'], { cwd: web, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);
});
