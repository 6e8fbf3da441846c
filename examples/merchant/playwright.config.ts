import { defineConfig, devices } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-output',
  workers: 1,
  retries: 0,
  timeout: 30_000,
  // The same suite in each browser the kit supports (README "The testing kit").
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          // Debian's Chromium: never a browser download.
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-quic'],
        },
      },
    },
    {
      name: 'firefox',
      use: {
        ...devices['Desktop Firefox'],
        // A stock Firefox, driven over WebDriver BiDi (Playwright 1.64; 1.65 needs a newer Firefox).
        channel: 'moz-firefox',
        launchOptions: { executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr' },
      },
    },
  ],
});
