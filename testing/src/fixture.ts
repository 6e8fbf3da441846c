import { test as base, expect } from '@playwright/test';
import { SignupForm } from './signup-form.ts';

export interface SignupFixtures {
  /** The first `<omise-signup>` on the page, as a page object. */
  signup: SignupForm;
}

/**
 * Playwright's `test` with a `signup` fixture. In your own suite:
 * @example
 * import { test, expect, TEST_CARD } from '@omise-signup/testing';
 * test('joins', async ({ page, signup }) => {
 *   await page.goto('/signup');
 *   await signup.fill({ email: 'a@example.com', card: TEST_CARD });
 *   await signup.submit();
 *   expect((await signup.result())['Customer ID']).toMatch(/^cust_test_/);
 * });
 */
export const test = base.extend<SignupFixtures>({
  signup: async ({ page }, use) => {
    await use(new SignupForm(page.locator('omise-signup').first()));
  },
});

export { expect };
