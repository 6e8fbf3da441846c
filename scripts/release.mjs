#!/usr/bin/env node
// `pnpm release [--dry-run]`: publishes the five public packages to npm at the versions in
// their package.json (set by `pnpm version-packages` from the pending changesets).
//   1. builds everything (pnpm -r build), so every tarball holds a fresh dist/;
//   2. runs packaging's suite: packs each package, lints the tarballs (publint, attw) and
//      installs them with npm into a fresh project to run the README's code;
//   3. `pnpm -r publish --access public`: pnpm packs again (workspace: ranges become ^x.y.z,
//      publishConfig applies) and publishes each version the registry does not have yet;
//   4. after a real publish, `changeset tag` tags the commit (`@omise-signup/server@0.1.0`…).
// With --dry-run, step 3 only shows what it would publish, git checks are skipped (any branch,
// uncommitted changes) and nothing is tagged: it runs without an npm login.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, pnpmCommand } from './ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dryRun = process.argv.includes('--dry-run');
const unknown = process.argv.slice(2).filter((arg) => arg !== '--dry-run');
if (unknown.length > 0) {
  console.error(`Unknown argument ${unknown.join(' ')}. Usage: pnpm release [--dry-run]`);
  process.exit(2);
}

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`\n${title} failed; nothing was published.`);
    process.exit(status ?? 1);
  }
}

ensureInstalled(root);
const pnpm = pnpmCommand();
step('build', pnpm, ['-r', 'build']);
step('check the tarballs (publint, attw, npm install)', pnpm, ['--filter', '@omise-signup/packaging', 'test']);
const publish = ['-r', 'publish', '--access', 'public', ...(dryRun ? ['--dry-run', '--no-git-checks'] : [])];
step(dryRun ? 'publish (dry run: nothing is sent)' : 'publish', pnpm, publish);
if (!dryRun) step('tag', pnpm, ['exec', 'changeset', 'tag']);
console.log(dryRun ? '\nDry run done: nothing was published.' : '\nPublished and tagged; push the tags.');
