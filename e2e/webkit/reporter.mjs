// A node:test reporter that writes one JSON report, which scripts/test-summary.mjs sums with
// vitest's and Playwright's. Suites are not counted, their tests are; a suite that failed by
// itself (a hook, a crash while loading the file) counts as one failed test, so a broken run is
// never a run of zero tests.
export default async function* jsonReport(source) {
  const tests = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, file, details, skip, todo } = event.data;
    const failed = event.type === 'test:fail';
    const isSuite = details?.type === 'suite';
    // A suite fails when its tests do (counted there), or on its own: then it counts once.
    if (isSuite && (!failed || details?.error?.failureType === 'subtestsFailed')) continue;
    tests.push({
      file,
      name,
      status: failed ? 'failed' : skip || todo ? 'skipped' : 'passed',
      durationMs: Math.round(details?.duration_ms ?? 0),
      ...(failed ? { error: String(details?.error?.cause?.message ?? details?.error?.message ?? 'failed') } : {}),
    });
  }
  const count = (status) => tests.filter((test) => test.status === status).length;
  const stats = { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
  yield `${JSON.stringify({ tool: 'node:test', complete: true, stats, tests }, null, 2)}\n`;
}
