// Reads the JSON reports that vitest, Playwright and node:test (e2e/webkit/reporter.mjs) write
// and sums them, because CI reads only a plain `N passed, N failed` line and no runner prints one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Workspace packages that have a `test:ci` script, in the order pnpm-workspace.yaml lists them. */
export function packagesWithTests(root) {
  const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const names = [...workspace.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((match) => match[1]);
  return names
    .map((name) => ({ dir: join(root, name), manifest: join(root, name, 'package.json') }))
    .filter(({ manifest }) => existsSync(manifest))
    .map(({ dir, manifest }) => ({ dir, ...JSON.parse(readFileSync(manifest, 'utf8')) }))
    .filter((pkg) => pkg.scripts?.['test:ci']);
}

function countReport(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    // vitest: a file that failed to load shows as a failed suite with no tests in it.
    const brokenSuites = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0);
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + brokenSuites.length,
      skipped: report.numPendingTests + report.numTodoTests,
    };
  }
  if (report.stats && 'expected' in report.stats) {
    // Playwright: a test that passed on retry is flaky, and still passed.
    const errors = report.errors?.length ?? 0;
    return {
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected + errors,
      skipped: report.stats.skipped,
    };
  }
  if (report.tool === 'node:test') {
    // Written as incomplete before the run and replaced when it finishes: a crash leaves it so.
    const { passed, failed, skipped } = report.stats;
    const broken = !report.complete || passed + failed + skipped === 0 ? 1 : 0;
    return { passed, failed: failed + broken, skipped };
  }
  throw new Error(`${file}: not a vitest, Playwright or node:test JSON report`);
}

/** Sums every report; a package that wrote none counts as one failure. */
export function summarise(packages) {
  const total = { passed: 0, failed: 0, skipped: 0, lines: [], failedBy: new Map() };
  for (const pkg of packages) {
    const dir = join(pkg.dir, 'test-results');
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    if (files.length === 0) {
      total.failed += 1;
      total.failedBy.set(pkg.name, 1);
      total.lines.push(`${pkg.name}: no test report (the runner crashed or never started)`);
      continue;
    }
    for (const file of files) {
      try {
        const counts = countReport(join(dir, file));
        total.passed += counts.passed;
        total.failed += counts.failed;
        total.skipped += counts.skipped;
        total.failedBy.set(pkg.name, (total.failedBy.get(pkg.name) ?? 0) + counts.failed);
        total.lines.push(`${pkg.name} (${file}): ${counts.passed} passed, ${counts.failed} failed`);
      } catch (error) {
        total.failed += 1;
        total.failedBy.set(pkg.name, (total.failedBy.get(pkg.name) ?? 0) + 1);
        total.lines.push(`${pkg.name} (${file}): unreadable report: ${error.message}`);
      }
    }
  }
  return total;
}
