import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

/** Page-structure rules: they hold for a whole page, and the card frame is a document inside one. */
const PAGE_RULES = ['landmark-one-main', 'page-has-heading-one', 'region'];

/**
 * axe-core's findings in the widget, its shadow tree and the card frame included, as `rule: targets`
 * lines. With `page`, the whole page instead, the page-structure rules too (for the frame as part of
 * the page: axe combines the frames' results for those).
 */
async function axeViolations(
  page: Page,
  checked?: { rule: string; atLeast: number },
  scope: 'widget' | 'page' = 'widget',
): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (scope === 'widget') builder.include('omise-signup').disableRules(PAGE_RULES);
  const { violations, passes } = await builder.analyze();
  if (checked) {
    // Proof that axe looked inside the shadow root and the frame, so "no violations" means something.
    const nodes = passes.find((rule) => rule.id === checked.rule)?.nodes ?? [];
    const widget = nodes.filter((node) => JSON.stringify(node.target).startsWith('[["omise-signup"'));
    expect(widget.length, `nodes axe checked for ${checked.rule} in the widget`).toBeGreaterThanOrEqual(
      checked.atLeast,
    );
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
    const typed: [string, string][] = [
      ['Email', 'keyboard@example.com'],
      ['Description', 'No mouse'],
      ['Name on card', CARDS.visa.name],
      ['Card number', '4242424242424241'],
      ['Expiry (MM/YY)', CARDS.visa.expiry],
      ['Security code', CARDS.visa.securityCode],
    ];
    for (const [i, [label, value]] of typed.entries()) {
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
    // Five scans of a page with a cross-origin frame: axe takes a few seconds each on a loaded machine.
    test.setTimeout(45_000);
    const signup = await demo.open();
    await signup.cardIsolation();
    expect(await axeViolations(page, { rule: 'label', atLeast: 6 }, 'page'), 'the whole page, empty form').toEqual([]);

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
