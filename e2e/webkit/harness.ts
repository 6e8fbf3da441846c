import { mkdirSync, writeFileSync } from 'node:fs';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { CardIsolation } from '@omise-signup/testing';
import { PNG } from 'pngjs';
import { paths, screenshotPath } from '../fixtures/paths.ts';
import { SandboxControl } from '../fixtures/sandbox-control.ts';
import { type Stack, startStack } from '../fixtures/stack.ts';
import { startWebKit, type WebKit } from './driver.ts';
import { WebKitSignup } from './signup.ts';

type Locale = 'en' | 'th' | 'ja';

/** What a test file gets: the e2e stack and one WebKit session, both started once for the file. */
export interface WebKitSuite {
  readonly stack: Stack;
  readonly browser: WebdriverIO.Browser;
  /** WebKitGTK's version (`2.50.6`). */
  readonly version: string;
  /** The sandbox, reset before every test. */
  readonly sandbox: SandboxControl;
  /**
   * Opens the demo page the proxy serves (at `baseUrl` when given) and waits for the form, its
   * card fields in the card frame (the demo's default) or inline (`?isolation=inline`).
   */
  openDemo(options?: { lang?: Locale; baseUrl?: string; isolation?: CardIsolation }): Promise<WebKitSignup>;
  /**
   * Opens a fixture page of the merchant site (site/*.html) with its query, and waits for the
   * form, its card fields in the card frame (the default) or inline (`?isolation=inline`).
   */
  openSite(
    page: string,
    options?: { query?: Record<string, string>; locale?: Locale; isolation?: CardIsolation },
  ): Promise<WebKitSignup>;
  /** What the fixture page's recorder saw (site/recorder.js): widget events, CSP violations, uncaught errors. */
  recorded<T>(name: 'signupEvents' | 'cspViolations' | 'pageErrors'): Promise<T[]>;
  /** Saves a screenshot of the element `selector` as test-output/screenshots/<name>.png. */
  screenshot(name: string, selector: string): Promise<void>;
}

/**
 * Starts the stack (sandbox, proxies, merchant site, in this process on free ports) and WebKit
 * before the file's tests, resets the sandbox before each, and stops everything after them.
 * A fixture page that logged an uncaught error fails the test that opened it.
 */
export function useWebKit(): WebKitSuite {
  let stack: Stack | undefined;
  let webkit: WebKit | undefined;
  let sandbox: SandboxControl | undefined;
  let onSite = false;
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the WebKit suite did not start (see the error in before())');
    return value;
  };

  before(async () => {
    stack = await startStack();
    sandbox = new SandboxControl(stack.sandbox);
    webkit = await startWebKit();
  });
  after(async () => {
    await webkit?.close();
    await stack?.close();
  });
  beforeEach(() => {
    sandbox?.reset();
    onSite = false;
  });

  const suite: WebKitSuite = {
    get stack() {
      return need(stack);
    },
    get browser() {
      return need(webkit).browser;
    },
    get version() {
      return need(webkit).version;
    },
    get sandbox() {
      return need(sandbox);
    },
    async openDemo({ lang, baseUrl, isolation = 'frame' } = {}) {
      const url = new URL('/', baseUrl ?? suite.stack.proxy.url);
      if (lang) url.searchParams.set('lang', lang);
      if (isolation === 'inline') url.searchParams.set('isolation', 'inline');
      await suite.browser.url(url.href);
      return new WebKitSignup(suite.browser, lang, { isolation }).ready();
    },
    async openSite(page, { query = {}, locale = 'en', isolation = 'frame' } = {}) {
      const url = new URL(`/${page}.html`, suite.stack.site.url);
      for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
      if (isolation === 'inline') url.searchParams.set('isolation', 'inline');
      await suite.browser.url(url.href);
      onSite = true;
      return new WebKitSignup(suite.browser, locale, { isolation }).ready();
    },
    async recorded<T>(name: 'signupEvents' | 'cspViolations' | 'pageErrors') {
      const seen: unknown = await suite.browser.execute(
        (key: string) => (window as unknown as Record<string, unknown[]>)[key] ?? [],
        name,
      );
      return seen as T[];
    },
    async screenshot(name, selector) {
      mkdirSync(paths.screenshots, { recursive: true });
      const browser = suite.browser;
      // WebKitGTK under Xvfb hands over a stale frame until its window is resized, and its element
      // screenshots leave regions that changed black: so nudge the window, wait for two frames,
      // take the viewport and cut the element out of it.
      const { width, height } = await browser.getWindowSize();
      await browser.setWindowSize(width + 1, height);
      await browser.setWindowSize(width, height);
      const box = await browser.executeAsync(
        (css: string, done: (box: { x: number; y: number; width: number; height: number } | null) => void) => {
          const el = document.querySelector(css);
          el?.scrollIntoView({ block: 'start' });
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const rect = el?.getBoundingClientRect();
              done(rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null);
            }),
          );
        },
        selector,
      );
      if (!box) throw new Error(`no element ${selector} to take a screenshot of`);
      const viewport = PNG.sync.read(Buffer.from(await browser.takeScreenshot(), 'base64'));
      const crop = new PNG({ width: Math.round(box.width), height: Math.round(box.height) });
      PNG.bitblt(viewport, crop, Math.round(box.x), Math.round(box.y), crop.width, crop.height, 0, 0);
      writeFileSync(screenshotPath(name), PNG.sync.write(crop));
    },
  };

  afterEach(async () => {
    if (!onSite || !webkit) return;
    const errors = await suite.recorded<string>('pageErrors');
    if (errors.length > 0) throw new Error(`uncaught errors on the page: ${errors.join('; ')}`);
  });

  return suite;
}
