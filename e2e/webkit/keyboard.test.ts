import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CARDS, KEYBOARD_SIGNUP } from '../fixtures/cards.ts';
import { useWebKit } from './harness.ts';
import { KEY, press, typeText } from './keyboard.ts';

describe('WebKit: keyboard only', () => {
  const webkit = useWebKit();

  test('a shopper signs up with Tab and Enter alone, and focus goes where it helps', async () => {
    const signup = await webkit.openDemo();
    const browser = webkit.browser;
    // From the top of the page, past the site's own links, into the form.
    for (let presses = 0; JSON.stringify(await signup.focus()) !== '{"field":"Email"}'; presses++) {
      assert.ok(presses < 20, 'Tab never reached the Email field');
      await press(browser, KEY.Tab);
    }
    for (const [i, [label, value]] of KEYBOARD_SIGNUP.entries()) {
      if (i > 0) await press(browser, KEY.Tab);
      await signup.focusIs({ field: label });
      await typeText(browser, value);
    }
    assert.equal(await signup.value('Email'), 'keyboard@example.com');
    assert.equal(await signup.value('Card number'), '4242 4242 4242 4241');

    // Enter submits; the typo sends focus back to the first field at fault.
    await press(browser, KEY.Enter);
    await signup.focusIs({ field: 'Card number' });
    await signup.statusIs('Check the highlighted fields.');

    await press(browser, 'a', [KEY.Control]);
    await typeText(browser, CARDS.visa.number);
    for (let i = 0; i < 3; i++) await press(browser, KEY.Tab);
    await signup.focusIs({ button: 'Create account' });
    await press(browser, KEY.Enter);

    // The result takes focus, so a screen reader starts reading there.
    assert.equal((await signup.result()).Card, 'Visa ending in 4242');
    await signup.focusIs({ heading: 'Your account is ready' });
    assert.deepEqual(
      (await webkit.sandbox.customers()).map((c) => c.email),
      ['keyboard@example.com'],
    );
  });

  test('Tab goes from Email through the card frame’s fields to the button, and Shift+Tab comes back', async () => {
    const signup = await webkit.openDemo();
    const browser = webkit.browser;
    for (let presses = 0; JSON.stringify(await signup.focus()) !== '{"field":"Email"}'; presses++) {
      assert.ok(presses < 20, 'Tab never reached the Email field');
      await press(browser, KEY.Tab);
    }
    const order = ['Description', 'Name on card', 'Card number', 'Expiry (MM/YY)', 'Security code'];
    for (const label of order) {
      await press(browser, KEY.Tab);
      await signup.focusIs({ field: label });
    }
    await press(browser, KEY.Tab);
    await signup.focusIs({ button: 'Create account' });
    for (const label of [...order].reverse()) {
      await press(browser, KEY.Tab, [KEY.Shift]);
      await signup.focusIs({ field: label });
    }
    await press(browser, KEY.Tab, [KEY.Shift]);
    await signup.focusIs({ field: 'Email' });
    // Moving through the form submitted nothing.
    assert.equal(await signup.status(), '');
    assert.deepEqual(await webkit.sandbox.tokenRequests(), []);
  });
});
