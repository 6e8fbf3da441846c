import { defineConfig } from 'vitest/config';

// Unit tests of the bench's own parts (the delay relay, the critical-path sums); the browser
// scenarios in tests/ run under Playwright.
export default defineConfig({
  test: {
    include: ['bench/**/*.test.ts'],
    testTimeout: 10_000,
    hookTimeout: 10_000,
  },
});
