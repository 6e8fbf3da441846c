import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CARDS } from '../fixtures/cards.ts';
import { useWebKit } from './harness.ts';
import { WebKitSignup } from './signup.ts';

// What the card frame guarantees the page around it, as far as WebDriver can see in WebKit. (The
// card's way to the vault, and not to the proxy, is card-data.test.ts.)
describe('WebKit: the card frame', () => {
  const webkit = useWebKit();

  test('cannot be read from the page: contentDocument is null, its document throws, no card input in the widget', async () => {
    const signup = await webkit.openDemo();
    await signup.fill({ card: CARDS.visa });
    const reach = await webkit.browser.execute((host: string) => {
      const root = document.querySelector(host)?.shadowRoot;
      const iframe = root?.querySelector('iframe');
      let frameDocument = 'readable';
      try {
        frameDocument = String(iframe?.contentWindow?.document);
      } catch (error) {
        frameDocument = (error as Error).name;
      }
      return {
        contentDocumentIsNull: iframe?.contentDocument === null,
        frameDocument,
        widgetInputs: [...(root?.querySelectorAll('input') ?? [])].map((input) => input.labels?.[0]?.textContent),
      };
    }, signup.host);
    assert.deepEqual(reach, {
      contentDocumentIsNull: true,
      frameDocument: 'SecurityError',
      widgetInputs: ['Email', 'Description'],
    });
    // The number is there all the same, in the frame.
    assert.equal(await signup.value('Card number'), '4242 4242 4242 4242');
  });

  test('takes focus where the shopper clicks in it, and gives it back to a click in the page', async () => {
    const signup = await webkit.openDemo();
    await signup.click('Card number');
    await signup.focusIs({ field: 'Card number' });
    await signup.click('Expiry (MM/YY)');
    await signup.focusIs({ field: 'Expiry (MM/YY)' });
    await signup.click('Email');
    await signup.focusIs({ field: 'Email' });
  });

  test('grows with its messages and shrinks back, with no scrollbar at any step', async () => {
    const signup = await webkit.openDemo();
    await signup.frameFitsContent();
    const empty = await signup.frameHeights();
    assert.equal(empty.overflow, 0, JSON.stringify(empty));

    await signup.submit();
    await signup.errorIs('Security code', 'Enter the security code.');
    await signup.frameFitsContent();
    const withErrors = await signup.frameHeights();
    assert.equal(withErrors.overflow, 0, JSON.stringify(withErrors));
    // Four messages of a line or more each.
    assert.ok(withErrors.frame > empty.frame + 60, `${JSON.stringify(withErrors)} against ${JSON.stringify(empty)}`);

    await signup.fill({ email: 'fits@example.com', card: CARDS.visa });
    assert.equal(await signup.errorFor('Security code'), null);
    await signup.until(
      `the frame back at ${empty.frame} px`,
      async () => ((await signup.frameHeights()).frame === empty.frame ? true : null),
      () => signup.frameHeights(),
    );
    assert.equal((await signup.frameHeights()).overflow, 0);
  });

  test('refuses to render in a page of an origin it does not allow, and the widget says the card form did not load', async () => {
    // The fixture site's other origin is not among the frame's frame-ancestors.
    await webkit.browser.url(`${webkit.stack.site.otherUrl}/element.html?timeout=1500`);
    const signup = new WebKitSignup(webkit.browser);
    await signup.fieldShows('Email');
    await signup.type('Email', 'elsewhere@example.com');
    await signup.submit();
    await signup.statusIs('The card form did not load. Try again.');
    assert.equal(await signup.hasField('Card number'), false);
    assert.deepEqual(await webkit.sandbox.tokenRequests(), []);
  });

  test('gives each widget its own frame and channel, and each frame answers only its widget', async () => {
    await webkit.openSite('element', { query: { widgets: '2' } });
    // One after the other: a WebDriver session has one current frame.
    const first = await new WebKitSignup(webkit.browser, 'en', { host: 'section:nth-of-type(1) .signup-host' }).ready();
    const second = await new WebKitSignup(webkit.browser, 'en', {
      host: 'section:nth-of-type(2) .signup-host',
    }).ready();
    const channels = await webkit.browser.execute(() =>
      [...document.querySelectorAll('omise-signup')].map(
        (el) => new URL(el.shadowRoot?.querySelector('iframe')?.src ?? 'about:blank').hash,
      ),
    );
    assert.equal(channels.length, 2);
    for (const channel of channels) assert.match(channel, /^#[0-9a-f-]{36}$/);
    assert.notEqual(channels[0], channels[1]);

    await first.fill({ card: CARDS.visa });
    await second.submit();
    // The second widget's check showed its own frame's messages; the first frame shows none.
    await second.errorIs('Card number', 'Enter the card number.');
    assert.equal(await first.errorFor('Card number'), null);
    assert.equal(await first.value('Card number'), '4242 4242 4242 4242');
    assert.equal(await second.value('Card number'), '');

    await first.fill({ email: 'one@example.com' });
    await first.submit();
    assert.equal((await first.result()).Card, 'Visa ending in 4242');
    assert.equal((await webkit.sandbox.tokenRequests()).length, 1);
    assert.equal(await second.status(), 'Check the highlighted fields.');
  });
});
