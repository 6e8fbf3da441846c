#!/usr/bin/env node
// Runs the WebKit suite (node:test + webdriverio, webkit/*.test.ts): the spec reporter on the
// console and, with --report=FILE, a JSON report for scripts/test-summary.mjs. The report starts
// as "incomplete" and only the finished run overwrites it, so a run that crashes or never gets
// going counts as failed. Exits non-zero when a test failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const e2e = join(here, '..');
const report = process.argv.find((arg) => arg.startsWith('--report='))?.slice('--report='.length);
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = (
  only.length > 0
    ? only
    : readdirSync(here)
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => join(here, f))
)
  .map((file) => relative(e2e, file))
  .sort();

const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
if (report) {
  mkdirSync(dirname(join(e2e, report)), { recursive: true });
  const incomplete = { tool: 'node:test', complete: false, stats: { passed: 0, failed: 0, skipped: 0 }, tests: [] };
  writeFileSync(join(e2e, report), `${JSON.stringify(incomplete)}\n`);
  reporters.push(`--test-reporter=${join(here, 'reporter.mjs')}`, `--test-reporter-destination=${report}`);
}

const started = Date.now();
const result = spawnSync(
  process.execPath,
  // One file at a time: each runs its own stack, Xvfb and MiniBrowser, and there are two cores.
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=90000', ...reporters, ...files],
  { cwd: e2e, stdio: 'inherit' },
);
console.log(`WebKit suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (result.error) console.error(`the WebKit suite could not run: ${result.error.message}`);
process.exit(result.status ?? 1);
