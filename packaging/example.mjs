#!/usr/bin/env node
// Runs examples/merchant as a merchant has it: the example is copied out of the workspace into
// the temp dir, its dependencies come from npm (the registry, and the packed tarballs in place
// of @omise-signup/*), then it type-checks with its own tsconfig and runs its Playwright suite
// with the testing kit loaded from node_modules. The suite's JSON report lands in
// examples/merchant/test-results/, where `pnpm test` counts it. Needs `pnpm -r build` first.
//
// The example is not a pnpm workspace package on purpose: `pnpm install --frozen-lockfile` on a
// clean clone has no tarballs to install (they exist only after a build), and workspace links
// would test the repository's layout rather than what npm installs.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { merchantEnv, npmInstall, run } from './lib/npm-project.mjs';
import { packAll, ROOT } from './lib/packs.mjs';

const example = join(ROOT, 'examples', 'merchant');
const results = join(example, 'test-results');
const base = mkdtempSync(join(tmpdir(), 'omise-signup-example-'));
const shop = join(base, 'merchant');
// The full PATH (Debian's chromium wrapper needs coreutils), without pnpm's npm_* settings.
const env = merchantEnv(process.env.PATH ?? '', {
  PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'playwright.json'),
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
});

let status = 0;
try {
  rmSync(results, { recursive: true, force: true });
  const packs = packAll(join(base, 'tarballs'));
  cpSync(example, shop, {
    recursive: true,
    filter: (source) => !/^(node_modules|test-results|test-output)(\/|$)/.test(relative(example, source)),
  });
  console.log(`examples/merchant: npm install in ${shop} (registry, and ${packs.length} tarballs)`);
  // --no-save keeps the example's package.json as a merchant wrote it (^0.1.0 ranges); the
  // tarballs satisfy those ranges, so npm never asks the registry for @omise-signup/*.
  await npmInstall(shop, ['--no-save', ...packs.map((pkg) => pkg.tarball)], env);
  console.log('examples/merchant: npm run typecheck');
  await run('npm', ['run', 'typecheck'], { cwd: shop, env }).catch((error) => {
    console.error(error.message);
    status = 1;
  });
  console.log('examples/merchant: npx playwright test');
  await run('npx', ['playwright', 'test', '--reporter=list,json'], { cwd: shop, env, timeoutMs: 600_000 })
    .then((output) => console.log(output))
    .catch((error) => {
      console.error(error.message);
      status = 1;
    });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  status = 1;
} finally {
  rmSync(base, { recursive: true, force: true });
}
process.exit(status);
