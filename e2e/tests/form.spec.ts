import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

// <omise-signup name="omise_customer" required> as one field of a merchant's plain HTML form.
test.describe('inside a merchant form', () => {
  test('blocks the form until a customer exists, then posts its id; reset empties it', async ({
    page,
    host,
    sandbox,
  }) => {
    const [signup] = await host.open('form');
    if (!signup) throw new Error('form.html has no widget');
    await page.getByLabel('Username').fill('alice');

    // The browser's own validation stops the form and puts focus in the widget.
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(signup.email).toBeFocused();
    await expect(page).toHaveURL(/form\.html(\?|$)/);
    const message = await page.locator('omise-signup').evaluate((el) => (el as HTMLInputElement).validationMessage);
    expect(message).toBe('Create your account first.');
    expect(await formData(page)).toEqual({ username: 'alice' });

    await signup.fill({ email: 'alice@example.com', card: CARDS.visa });
    await signup.submit();
    const id = (await signup.result())['Customer ID'];
    expect(id).toMatch(/^cust_test_/);
    expect(await formData(page)).toEqual({ username: 'alice', omise_customer: id });
    expect((await sandbox.customers()).map((c) => c.id)).toEqual([id]);

    // Reset empties the widget along with the rest of the form.
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(signup.email).toHaveValue('');
    await expect(signup.resultHeading).toHaveCount(0);
    expect(await formData(page)).toEqual({ username: '' });

    // And a real submit sends the id to the merchant's server.
    await page.getByLabel('Username').fill('alice');
    await signup.fill({ email: 'alice2@example.com', card: CARDS.visa });
    await signup.submit();
    const second = (await signup.result())['Customer ID'];
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page).toHaveURL(/\/joined$/);
    expect(JSON.parse((await page.locator('body').textContent()) ?? '')).toEqual({
      username: 'alice',
      omise_customer: second,
    });
  });

  test('Enter in the widget creates the customer and does not submit the merchant form', async ({ page, host }) => {
    const [signup] = await host.open('form');
    if (!signup) throw new Error('form.html has no widget');
    await page.getByLabel('Username').fill('bob');
    await signup.fill({ email: 'bob@example.com', card: CARDS.visa });
    await signup.field('Security code').press('Enter');
    await signup.result();
    await expect(page).toHaveURL(/form\.html(\?|$)/);
  });
});

function formData(page: import('@playwright/test').Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const form = document.querySelector('form') as HTMLFormElement;
    return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
  });
}

test.describe('Back to the merchant form', () => {
  test('shows the customer already created and posts it again, rather than asking for another', async ({
    page,
    host,
    sandbox,
  }) => {
    // Kept out of the back-forward cache, which would keep the whole page and prove nothing: Chromium
    // leaves out a no-store page; Firefox does not restore a no-store page's fields, so there an unload listener.
    const firefox = page.context().browser()?.browserType().name() === 'firefox';
    const [signup] = await host.open('form', firefox ? { reload: true } : { nostore: true });
    if (!signup) throw new Error('form.html has no widget');
    await page.getByLabel('Username').fill('carol');
    await signup.fill({ email: 'carol@example.com', card: CARDS.visa });
    await signup.submit();
    const id = (await signup.result())['Customer ID'];
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page).toHaveURL(/\/joined$/);

    await page.goBack();
    await expect(signup.resultHeading).toBeVisible();
    expect((await signup.result())['Customer ID']).toBe(id);
    await expect(page.getByLabel('Username')).toHaveValue('carol');
    expect(await formData(page)).toEqual({ username: 'carol', omise_customer: id });
    await page.getByRole('button', { name: 'Join' }).click();
    expect(JSON.parse((await page.locator('body').textContent()) ?? '')).toEqual({
      username: 'carol',
      omise_customer: id,
    });
    expect((await sandbox.customers()).map((c) => c.id)).toEqual([id]);
  });
});
