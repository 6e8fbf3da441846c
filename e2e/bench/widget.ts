import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const RUNS = 20;
const sizeFile = fileURLToPath(new URL('../../web/dist/size.json', import.meta.url));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
};

/** Bundle weights from the widget build, and the demo page timed in Debian's Chromium. */
export async function measureWidget(proxyUrl: string) {
  const sizes = JSON.parse(readFileSync(sizeFile, 'utf8')) as Record<string, { gzip: number; brotli: number }>;
  const iife = sizes['omise-signup.js'];
  const esm = sizes['esm/index.js'];
  if (!iife || !esm) throw new Error(`${sizeFile} lacks the IIFE or ESM sizes: run pnpm build`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-quic'],
  });
  const interactive: number[] = [];
  const clickToCustomer: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // A fresh context each time: a first visit, nothing cached.
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`${proxyUrl}/`);
      const email = page.getByLabel('Email');
      await email.waitFor({ state: 'visible' });
      interactive.push(Date.now() - started);

      await email.fill(`bench${i}@example.com`);
      await page.getByLabel('Name on card').fill('Bench Mark');
      await page.getByLabel('Card number').fill('4242424242424242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/31');
      await page.getByLabel('Security code').fill('123');
      const clicked = Date.now();
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText(/cust_test_/).waitFor({ state: 'visible' });
      clickToCustomer.push(Date.now() - clicked);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return {
    iife_gzip_bytes: iife.gzip,
    iife_brotli_bytes: iife.brotli,
    esm_gzip_bytes: esm.gzip,
    esm_brotli_bytes: esm.brotli,
    interactive_ms: median(interactive),
    click_to_customer_ms: median(clickToCustomer),
    runs: RUNS,
  };
}
