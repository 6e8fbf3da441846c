import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { CARDS, KEYBOARD_SIGNUP } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

/** axe-core's findings inside the widget (its shadow tree included), as `rule: targets` lines. */
async function axeViolations(page: Page, checked?: { rule: string; atLeast: number }): Promise<string[]> {
  const axe = new AxeBuilder({ page }).include('omise-signup');
  // axe finishes a run in a blank page of its own. Playwright over WebDriver BiDi (Firefox) does
  // not survive that page reliably: newPage() fails or the test's page stops answering. Legacy
  // mode runs axe inside the page instead (it cannot test cross-origin frames; the widget has none).
  if (page.context().browser()?.browserType().name() === 'firefox') axe.setLegacyMode(true);
  const { violations, passes } = await axe.analyze();
  if (checked) {
    // Proof that axe looked inside the shadow root, so "no violations" means something.
    const nodes = passes.find((rule) => rule.id === checked.rule)?.nodes.length ?? 0;
    expect(nodes, `nodes axe checked for ${checked.rule}`).toBeGreaterThanOrEqual(checked.atLeast);
  }
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
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
    // Five full axe runs: seconds each on a loaded machine.
    test.slow();
    const signup = await demo.open();
    expect(await axeViolations(page, { rule: 'label', atLeast: 6 }), 'empty form').toEqual([]);

    await signup.submit();
    await expect(signup.status).toHaveText('Check the highlighted fields.');
    expect(await axeViolations(page), 'every field in error').toEqual([]);

    await signup.fill({ email: 'axe@example.com', card: CARDS.fraud });
    await signup.submit();
    await expect(signup.status).toHaveText('This card was declined. Try another card.');
    expect(await axeViolations(page), 'card refused by the vault').toEqual([]);

    await sandbox.inject({ kind: 'status', status: 500, method: 'POST', path: '/customers' });
    await signup.fill({ card: { number: CARDS.visa.number } });
    await signup.submit();
    await expect(signup.status).toHaveText('Our payment provider is not responding. Try again shortly.');
    expect(await axeViolations(page), 'upstream failure with "Try again"').toEqual([]);

    await signup.retry();
    await signup.result();
    expect(await axeViolations(page), 'result').toEqual([]);
  });
});
