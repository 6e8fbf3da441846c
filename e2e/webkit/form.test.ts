import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CARDS } from '../fixtures/cards.ts';
import { useWebKit } from './harness.ts';

/** What the merchant's form would submit now. */
const formData = (browser: WebdriverIO.Browser) =>
  browser.execute(() => {
    const form = document.querySelector('form') as HTMLFormElement;
    return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
  });

describe('WebKit: inside a merchant form', () => {
  const webkit = useWebKit();

  test('a required widget blocks the form until a customer exists, then the form posts its id', async () => {
    const signup = await webkit.openSite('form');
    const browser = webkit.browser;
    await (await browser.$('#username')).setValue('alice');

    // The browser's own validation stops the form and puts focus in the widget.
    await (await browser.$('button=Join')).click();
    await signup.focusIs({ field: 'Email' });
    assert.match(await browser.getUrl(), /form\.html$/);
    assert.equal(
      await browser.execute(() => (document.querySelector('omise-signup') as HTMLInputElement).validationMessage),
      'Create your account first.',
    );
    assert.deepEqual(await formData(browser), { username: 'alice' });

    await signup.fill({ email: 'alice@example.com', card: CARDS.visa });
    await signup.submit();
    const id = (await signup.result())['Customer ID'];
    assert.match(id ?? '', /^cust_test_/);
    assert.deepEqual(await formData(browser), { username: 'alice', omise_customer: id });
    assert.deepEqual(
      (await webkit.sandbox.customers()).map((c) => c.id),
      [id],
    );

    // A real submit sends the id to the merchant's server, which echoes what it got.
    await (await browser.$('button=Join')).click();
    await browser.waitUntil(async () => (await browser.getUrl()).endsWith('/joined'), { timeout: 10_000 });
    const echoed = JSON.parse(await (await browser.$('body')).getText()) as Record<string, string>;
    assert.deepEqual(echoed, { username: 'alice', omise_customer: id });
  });

  test('Enter in the widget creates the customer and does not submit the merchant form', async () => {
    const signup = await webkit.openSite('form');
    await (await webkit.browser.$('#username')).setValue('bob');
    await signup.fill({ email: 'bob@example.com', card: CARDS.visa });
    await signup.withField('Security code', (field) => field.addValue('\uE007'), { interacts: true });
    await signup.result();
    assert.match(await webkit.browser.getUrl(), /form\.html$/);
  });
});
