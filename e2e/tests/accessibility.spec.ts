import AxeBuilder from '@axe-core/playwright';
import type { SignupForm } from '@omise-signup/testing';
import type { Locator, Page } from '@playwright/test';
import axe, { type Result } from 'axe-core';
import { CARDS, KEYBOARD_SIGNUP } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

/** Page-structure rules: they hold for a whole page, and the card frame is a document inside one. */
const PAGE_RULES = ['landmark-one-main', 'page-has-heading-one', 'region'];

/** The label rule's passes must cover this many fields in each part, or axe did not look there. */
const LABELLED = { widget: 2, frame: 4 };

/**
 * axe-core's findings in the widget (its shadow tree) and in the card frame, as `rule: targets`
 * lines. The frame is scanned on its own, with axe injected by the test: @axe-core/playwright gives
 * each frame one second to take axe's script and skips it in silence after that, which a loaded
 * machine does not always make.
 */
async function axeViolations(page: Page, signup: SignupForm, form = true): Promise<string[]> {
  const lines = (violations: Result[], where: string) =>
    violations.map((v) => `${where} ${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  const labelled = (passes: Result[]) => passes.find((rule) => rule.id === 'label')?.nodes.length ?? 0;

  const builder = new AxeBuilder({ page })
    .include('omise-signup')
    .exclude({ fromShadowDom: ['omise-signup', 'iframe'] });
  // axe finishes a run in a blank page of its own. Playwright over WebDriver BiDi (Firefox) does
  // not survive that page reliably: newPage() fails or the test's page stops answering. Legacy
  // mode runs axe inside the page instead (the card frame is scanned on its own below anyway).
  if (page.context().browser()?.browserType().name() === 'firefox') builder.setLegacyMode(true);
  const widget = await builder.analyze();
  const found = lines(widget.violations, 'widget');
  const fields = labelled(widget.passes);
  const iframe = signup.root.locator('iframe');
  if (form && (await iframe.count()) > 0) {
    const frame = await (await iframe.elementHandle())?.contentFrame();
    if (!frame) throw new Error('the card frame has no document to scan');
    await frame.evaluate(axe.source);
    const inFrame = await frame.evaluate(
      (rules) =>
        (window as unknown as { axe: { run: typeof axe.run } }).axe.run(document, {
          rules: Object.fromEntries(rules.map((rule) => [rule, { enabled: false }])),
        }),
      PAGE_RULES,
    );
    found.push(...lines(inFrame.violations, 'frame'));
    expect(labelled(inFrame.passes), 'card fields axe checked in the frame').toBeGreaterThanOrEqual(LABELLED.frame);
  }
  // Proof that axe looked inside the shadow root, so "no violations" means something.
  if (form) expect(fields, 'fields axe checked in the widget').toBeGreaterThanOrEqual(LABELLED.widget);
  return found;
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el.matches(':focus'));

test.describe('keyboard and assistive technology', () => {
  test('a shopper signs up with the keyboard alone, and focus goes where it helps', async ({ demo, page, sandbox }) => {
    const signup = await demo.open();
    // From the top of the page, past the site's own links, into the form.
    for (let presses = 0; !(await isFocused(signup.email)); presses++) {
      expect(presses, 'Tab never reached the Email field').toBeLessThan(20);
      await page.keyboard.press('Tab');
    }
    for (const [i, [label, value]] of KEYBOARD_SIGNUP.entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await expect(signup.field(label)).toBeFocused();
      await page.keyboard.type(value);
    }
    // Enter submits; the typo sends focus back to the first field at fault.
    await page.keyboard.press('Enter');
    await expect(signup.field('Card number')).toBeFocused();
    await expect(signup.status).toHaveText('Check the highlighted fields.');

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(CARDS.visa.number);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(signup.submitButton).toBeFocused();
    await page.keyboard.press('Enter');

    // The result takes focus, so a screen reader starts reading there.
    await expect(signup.resultHeading).toBeFocused();
    expect((await signup.result()).Card).toBe('Visa ending in 4242');
    expect((await sandbox.customers()).map((c) => c.email)).toEqual(['keyboard@example.com']);
  });

  test('axe finds no violations on the empty form, the error states and the result', async ({
    demo,
    page,
    sandbox,
  }) => {
    // Five scans of the widget and its frame: a few seconds each on a loaded machine.
    test.slow();
    const signup = await demo.open();
    await signup.cardIsolation();
    expect(await axeViolations(page, signup), 'empty form').toEqual([]);

    await signup.submit();
    await expect(signup.status).toHaveText('Check the highlighted fields.');
    expect(await axeViolations(page, signup), 'every field in error').toEqual([]);

    await signup.fill({ email: 'axe@example.com', card: CARDS.fraud });
    await signup.submit();
    await expect(signup.status).toHaveText('This card was declined. Try another card.');
    expect(await axeViolations(page, signup), 'card refused by the vault').toEqual([]);

    await sandbox.inject({ kind: 'status', status: 500, method: 'POST', path: '/customers' });
    await signup.fill({ card: { number: CARDS.visa.number } });
    await signup.submit();
    await expect(signup.status).toHaveText('Our payment provider is not responding. Try again shortly.');
    expect(await axeViolations(page, signup), 'upstream failure with "Try again"').toEqual([]);

    await signup.retry();
    await signup.result();
    expect(await axeViolations(page, signup, false), 'result').toEqual([]);
  });
});
