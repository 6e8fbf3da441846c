import type { CardIsolation } from '@omise-signup/testing';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (this network cannot reach Playwright's CDN). The flags stop
// Chromium's background calls, which this closed network refuses.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};

export default defineConfig<{ cardIsolation: CardIsolation }>({
  testDir: 'tests',
  // Not test-results/: the root summary reads every JSON file there, and Playwright would put
  // its .last-run.json beside the report.
  outputDir: 'test-output/artifacts',
  fullyParallel: true,
  // Two cores: each worker runs its own sandbox, proxies and Chromium.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 20_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    locale: 'en-GB',
    timezoneId: 'Asia/Bangkok',
    colorScheme: 'light',
    viewport: { width: 1100, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Every scenario with the card fields in the card frame, as the demo and the README have them.
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1100, height: 900 },
        launchOptions: chromium,
        cardIsolation: 'frame',
      },
    },
    {
      name: 'firefox',
      // Each action over WebDriver BiDi costs several round trips (about 0.5 s a fill on this
      // loaded 2-core machine, against 0.05 s in Chromium), so a long scenario needs a larger budget.
      timeout: 60_000,
      use: {
        ...devices['Desktop Firefox'],
        viewport: { width: 1100, height: 900 },
        channel: 'moz-firefox',
        launchOptions: { executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr' },
        cardIsolation: 'frame',
      },
    },
    // The core of them again with the fields inline (card-isolation="inline"), the fallback mode.
    {
      name: 'chromium-inline',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1100, height: 900 },
        launchOptions: chromium,
        cardIsolation: 'inline',
      },
      testMatch: [
        'signup.spec.ts',
        'validation.spec.ts',
        'card-data.spec.ts',
        'exactly-once.spec.ts',
        'accessibility.spec.ts',
        'form.spec.ts',
      ],
    },
  ],
});
