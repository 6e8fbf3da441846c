#!/usr/bin/env node
// `pnpm test`: install what is missing (packages; Debian's browsers, Xvfb, fonts, redis-server
// and curl), build once, run every package's `test:ci` one after another and then the example
// shop from the packed tarballs (two cores: running browsers, servers and vitest side by side
// only makes each slower and flakier), then print the one closing line CI reads. Exits non-zero
// when anything failed or did not run.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineVersions, ensureInstalled, ensureSystemPackages, pnpmCommand } from './ensure.mjs';
import { packagesWithTests, summarise } from './test-summary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args, cwd = root) => spawnSync(pnpmCommand(), args, { cwd, stdio: 'inherit' }).status ?? 1;

try {
  ensureInstalled(root);
  ensureSystemPackages();
  console.log(engineVersions().join('\n'));
} catch (error) {
  console.error(error.message);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

// The example shop is not a workspace package: it runs from the packed tarballs, installed
// with npm outside the workspace (packaging/example.mjs), and reports like one.
const example = { name: '@omise-signup/example-merchant', dir: join(root, 'examples', 'merchant') };
const packages = [...packagesWithTests(root), example];
for (const pkg of packages) rmSync(join(pkg.dir, 'test-results'), { recursive: true, force: true });

const buildStatus = run(['-r', 'build']);
if (buildStatus !== 0) console.error('\nBuild failed: tests that need the build will count as failed.');

const exits = new Map();
for (const pkg of packages) {
  console.log(`\n=== ${pkg.name}: ${pkg === example ? 'packaging/example.mjs' : 'test:ci'}`);
  const status =
    pkg === example
      ? (spawnSync(process.execPath, ['packaging/example.mjs'], { cwd: root, stdio: 'inherit' }).status ?? 1)
      : run(['run', 'test:ci'], pkg.dir);
  exits.set(pkg.name, status);
}

const { passed, failed, skipped, lines, failedBy } = summarise(packages);
// A runner that failed without a failed test in its report (a type error before the suite, a
// crash after it) still fails the run.
let unreported = 0;
for (const [name, status] of exits) {
  if (status !== 0 && !failedBy.get(name)) {
    unreported += 1;
    lines.push(`${name}: exited ${status} with no failed test in its report (see its output above)`);
  }
}
console.log(`\n${lines.join('\n')}`);
const buildFailed = buildStatus === 0 ? 0 : 1;
const failures = failed + buildFailed + unreported;
console.log(`${passed} passed, ${failures} failed, ${skipped} skipped`);
process.exit(failures === 0 ? 0 : 1);
