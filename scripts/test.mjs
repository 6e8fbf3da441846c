#!/usr/bin/env node
// `pnpm test`: install what is missing (packages, Debian's chromium and redis-server), build once, run every package's `test:ci` one after another (two cores: running
// browsers, servers and vitest side by side only makes each slower and flakier), then print
// the one closing line CI reads. Exits non-zero when anything failed or did not run.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, ensureSystemPackages, pnpmCommand } from './ensure.mjs';
import { packagesWithTests, summarise } from './test-summary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args, cwd = root) => spawnSync(pnpmCommand(), args, { cwd, stdio: 'inherit' }).status ?? 1;

try {
  ensureInstalled(root);
  ensureSystemPackages();
} catch (error) {
  console.error(error.message);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const packages = packagesWithTests(root);
for (const pkg of packages) rmSync(join(pkg.dir, 'test-results'), { recursive: true, force: true });

const buildStatus = run(['-r', 'build']);
if (buildStatus !== 0) console.error('\nBuild failed: tests that need the build will count as failed.');

for (const pkg of packages) {
  console.log(`\n=== ${pkg.name}: test:ci`);
  run(['run', 'test:ci'], pkg.dir);
}

const { passed, failed, skipped, lines } = summarise(packages);
console.log(`\n${lines.join('\n')}`);
const buildFailed = buildStatus === 0 ? 0 : 1;
console.log(`${passed} passed, ${failed + buildFailed} failed, ${skipped} skipped`);
process.exit(failed + buildFailed === 0 ? 0 : 1);
