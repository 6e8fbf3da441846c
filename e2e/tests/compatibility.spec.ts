import { type Engine, measureInPage, readmeRow, recordSupport, verdicts } from '../fixtures/compat.ts';
import { expect, test } from '../fixtures/test.ts';

const ENGINES: Record<string, Engine> = { chromium: 'Chromium', firefox: 'Firefox' };

test('records what this engine gives the widget, and the README says the same', async ({
  host,
  page,
  browser,
  pageErrors,
}) => {
  const engine = ENGINES[browser.browserType().name()];
  if (!engine) throw new Error(`no README row for ${browser.browserType().name()}`);
  // The measurement proves the policy is live with an inline style, which Firefox also reports as a page error.
  pageErrors.allow(/blocked an inline style \(style-src-attr\)/);
  await host.open('compat');
  const support = await page.evaluate(measureInPage);
  recordSupport(engine, browser.version(), support);
  expect(verdicts(support), JSON.stringify(support, null, 2)).toEqual(readmeRow(engine));
});
