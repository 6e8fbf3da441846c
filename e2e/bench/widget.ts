import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Frame, type Page } from '@playwright/test';

const RUNS = 20;
const sizeFile = fileURLToPath(new URL('../../web/dist/size.json', import.meta.url));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
};

/** Where the card fields are: in the card frame (the demo's default), or inline (`?isolation=inline`). */
type Isolation = 'frame' | 'inline';

async function cardFields(page: Page, isolation: Isolation): Promise<Page | Frame> {
  if (isolation === 'inline') return page;
  const frame = await (await page.locator('omise-signup iframe').elementHandle())?.contentFrame();
  if (!frame) throw new Error('the demo page has no card frame');
  return frame;
}

/**
 * The demo page in a fresh context, timed: first visit to the widget's Email field (`interactive`),
 * from there to the card fields taking input (`ready`: the frame loaded, greeted the widget, got
 * its settings and rendered them), and from the submit click to the rendered customer.
 */
async function timeDemo(browser: Browser, url: string, isolation: Isolation, run: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = Date.now();
  // Not until `load`, which waits for the card frame too: until the form shows.
  await page.goto(isolation === 'inline' ? `${url}/?isolation=inline` : `${url}/`, { waitUntil: 'commit' });
  const email = page.getByLabel('Email');
  await email.waitFor({ state: 'visible' });
  const visible = Date.now();
  const fields = await cardFields(page, isolation);
  await fields.getByLabel('Card number').waitFor({ state: 'visible' });
  const ready = Date.now();

  await email.fill(`bench${isolation}${run}@example.com`);
  await fields.getByLabel('Name on card').fill('Bench Mark');
  await fields.getByLabel('Card number').fill('4242424242424242');
  await fields.getByLabel('Expiry (MM/YY)').fill('12/31');
  await fields.getByLabel('Security code').fill('123');
  const button = page.getByRole('button', { name: 'Create account' });
  // As the testing kit does before a click: the page has painted since the scroll (see SignupForm.prepareClick).
  await button.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const clicked = Date.now();
  await button.click();
  await page.getByText(/cust_test_/).waitFor({ state: 'visible' });
  const created = Date.now();
  await context.close();
  return { interactive: visible - started, ready: ready - visible, click: created - clicked };
}

/** Bundle weights from the widget build, and the demo page timed in Debian's Chromium, with the frame and inline. */
export async function measureWidget(proxyUrl: string) {
  const sizes = JSON.parse(readFileSync(sizeFile, 'utf8')) as Record<string, { gzip: number; brotli: number }>;
  const iife = sizes['omise-signup.js'];
  const esm = sizes['esm/index.js'];
  const frame = sizes['card-frame/card-frame.js'];
  if (!iife || !esm || !frame) throw new Error(`${sizeFile} lacks the IIFE, ESM or card frame sizes: run pnpm build`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-quic'],
  });
  const timings: Record<Isolation, { interactive: number[]; ready: number[]; click: number[] }> = {
    frame: { interactive: [], ready: [], click: [] },
    inline: { interactive: [], ready: [], click: [] },
  };
  try {
    // Alternating, so both modes see the same machine.
    for (let i = 0; i < RUNS; i++) {
      for (const isolation of ['frame', 'inline'] as const) {
        const { interactive, ready, click } = await timeDemo(browser, proxyUrl, isolation, i);
        timings[isolation].interactive.push(interactive);
        timings[isolation].ready.push(ready);
        timings[isolation].click.push(click);
      }
    }
  } finally {
    await browser.close();
  }
  return {
    iife_gzip_bytes: iife.gzip,
    iife_brotli_bytes: iife.brotli,
    esm_gzip_bytes: esm.gzip,
    esm_brotli_bytes: esm.brotli,
    frame_gzip_bytes: frame.gzip,
    frame_brotli_bytes: frame.brotli,
    interactive_ms: median(timings.frame.interactive),
    card_fields_ready_ms: median(timings.frame.ready),
    click_to_customer_ms: median(timings.frame.click),
    inline: {
      interactive_ms: median(timings.inline.interactive),
      card_fields_ready_ms: median(timings.inline.ready),
      click_to_customer_ms: median(timings.inline.click),
    },
    runs: RUNS,
  };
}
