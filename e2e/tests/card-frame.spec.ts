import type { Page } from '@playwright/test';
import { CARDS } from '../fixtures/cards.ts';
import { ProxyTraffic } from '../fixtures/proxy-traffic.ts';
import { expect, test } from '../fixtures/test.ts';

// What the card frame guarantees the host page, and what it keeps of the shopper's experience.
test.skip(({ cardIsolation }) => cardIsolation !== 'frame', 'the card frame only');

/** site/forge.js, on the fixture pages. */
interface Forging {
  forge(url: string): Promise<{ forger: true; reached: number; heard: string[] }>;
}

const iframe = (page: Page, n = 0) => page.locator('omise-signup').nth(n).locator('iframe');

test.describe('the card frame, from the host page', () => {
  test('cannot be read: contentDocument is null and its document throws', async ({ demo, page }) => {
    const signup = await demo.open();
    await signup.fill({ card: CARDS.visa });
    const reach = await iframe(page).evaluate((el: HTMLIFrameElement) => {
      let document = 'readable';
      try {
        document = String(el.contentWindow?.document);
      } catch (error) {
        document = (error as Error).name;
      }
      return { contentDocument: el.contentDocument, document };
    });
    expect(reach).toEqual({ contentDocument: null, document: 'SecurityError' });
    // A frame of another origin is in its own process here, and the page sees no input of it.
    expect(await page.evaluate(() => document.querySelectorAll('input').length)).toBe(0);
  });

  test('ignores forged messages: a stranger’s hello, a second connect, a tokenize not on its port', async ({
    host,
    page,
    sandbox,
    stack,
  }) => {
    const [signup] = await host.open('element');
    if (!signup) throw new Error('no widget on the page');
    await signup.fill({ email: 'forged@example.com', card: CARDS.visa });
    const channel = new URL((await iframe(page).getAttribute('src')) ?? '').hash.slice(1);
    expect(channel).toMatch(/^[0-9a-f-]{36}$/);

    const answers = await page.evaluate(
      async ({ forgerUrl, frameOrigin, channel }) => {
        const heard: string[] = [];
        // From this page itself: a second connect on the real channel, one on a wrong channel, and
        // a tokenize and a check sent to the frame's window rather than over its port.
        const card = document.querySelector('omise-signup')?.shadowRoot?.querySelector('iframe')?.contentWindow;
        for (const data of [
          { protocol: 'omise-card-frame', v: 1, type: 'connect', channel },
          { protocol: 'omise-card-frame', v: 1, type: 'connect', channel: 'wrong' },
          { v: 1, type: 'tokenize', id: 1 },
          { v: 1, type: 'check', id: 2 },
        ]) {
          const { port1, port2 } = new MessageChannel();
          port1.onmessage = (event) => heard.push(JSON.stringify(event.data));
          card?.postMessage(data, frameOrigin, [port2]);
        }
        // A window of another origin, knowing the channel, poses as each end (site/forger.js).
        const forged = await (window as unknown as Forging).forge(forgerUrl);
        return { heard, forged: forged.heard, reached: forged.reached };
      },
      {
        forgerUrl: `${stack.site.otherUrl}/forger.html#${channel}`,
        frameOrigin: new URL(stack.cardFrame.url).origin,
        channel,
      },
    );
    // Nobody answered this page's extra ports or the forger, and nothing was tokenized.
    expect(answers.heard).toEqual([]);
    expect(answers.forged).toEqual([]);
    // (Here the forger cannot even address the card frame: iframes in a shadow root are not in
    // window.frames. The next test puts one where it can.)
    expect(await sandbox.tokenRequests()).toEqual([]);

    // The real widget still works through its own port.
    await signup.submit();
    expect((await signup.result()).Card).toBe('Visa ending in 4242');
    expect(await sandbox.tokenRequests()).toHaveLength(1);
  });

  test('answers only the page that frames it, on its channel, even when another window can reach it', async ({
    host,
    page,
    sandbox,
    stack,
  }) => {
    await host.open('element', { card: 'none' });
    const result = await page.evaluate(
      async ({ frameUrl, forgerUrl }) => {
        const load = (src: string) => {
          const frame = document.createElement('iframe');
          frame.src = src;
          const loaded = new Promise((resolve) => frame.addEventListener('load', resolve));
          document.body.append(frame);
          return loaded.then(() => frame);
        };
        const channel = crypto.randomUUID();
        const hellos: (MessageEventSource | null)[] = [];
        const forgerOrigin = new URL(forgerUrl).origin;
        addEventListener('message', (event) => {
          if (event.data?.type === 'hello') hellos.push(event.source);
        });
        // A card frame in this page's light DOM, where window.frames lists it for any window.
        const card = await load(`${frameUrl}#${channel}`);
        const forged = await (window as unknown as Forging).forge(`${forgerUrl}#${channel}`);
        // The page that frames it, on its channel, does get answers: the test can tell.
        const { port1, port2 } = new MessageChannel();
        const answered = new Promise((resolve) => {
          port1.onmessage = (event) => resolve(event.data.type);
        });
        card.contentWindow?.postMessage(
          { protocol: 'omise-card-frame', v: 1, type: 'connect', channel },
          new URL(frameUrl).origin,
          [port2],
        );
        port1.postMessage({ v: 1, type: 'check', id: 7 });
        // One hello from the card frame, one forged by the other window.
        const from = hellos.map((source) =>
          source === card.contentWindow ? 'card frame' : `forger at ${forgerOrigin}`,
        );
        return { hellos: from, forged, answered: await answered };
      },
      { frameUrl: stack.cardFrame.url, forgerUrl: `${stack.site.otherUrl}/forger.html` },
    );
    expect(result.hellos.sort()).toEqual(['card frame', `forger at ${stack.site.otherUrl}`]);
    // The forger reached the card frame (the one other frame of the page) and heard nothing back.
    expect(result.forged).toEqual({ forger: true, reached: 1, heard: [] });
    expect(result.answered).toBe('checked');
    expect(await sandbox.tokenRequests()).toEqual([]);
  });

  test('refuses to render in a page of an origin it does not allow', async ({ host, page, stack, pageErrors }) => {
    // Firefox reports the refusal as a page error too.
    pageErrors.allow(/frame-ancestors/);
    const served = page.waitForResponse((response) => response.url().startsWith(stack.cardFrame.url));
    const [signup] = await host.open('element', { timeout: 1500 }, stack.site.otherUrl);
    if (!signup) throw new Error('no widget on the page');
    // The frame page was fetched, and its policy names the pages that may frame it: not this one.
    const ancestors = /frame-ancestors ([^;]+)/.exec((await served).headers()['content-security-policy'] ?? '')?.[1];
    expect(ancestors?.split(' ')).toEqual([stack.proxy.url, stack.limitedProxy.url, stack.site.url]);
    await signup.fill({ email: 'elsewhere@example.com' });
    await signup.submit();
    // No card field ever showed, and the widget says the card form did not load.
    await expect(signup.status).toHaveText('The card form did not load. Try again.');
    await expect(signup.cardFrame.getByLabel('Card number')).toHaveCount(0);
  });

  test('shows nothing when opened on its own, outside a page that embeds it', async ({ page, stack, pageErrors }) => {
    // Opened as a page, Firefox asks for /favicon.ico, which the frame's policy refuses.
    pageErrors.allow(/favicon\.ico/);
    const errors: string[] = [];
    page.on('console', (message) => errors.push(message.text()));
    await page.goto(stack.cardFrame.url);
    await expect(page.getByLabel('Card number')).toHaveCount(0);
    await expect
      .poll(() => errors)
      .toContain(
        'omise-signup card frame: not shown, because it works only inside the signup widget, framed by an allowed page.',
      );
  });

  test('sends the card number only from the frame, only to the vault; the page never loads Omise.js', async ({
    demo,
    page,
    stack,
    proxyTraffic,
  }) => {
    // Every policy violation, in every frame.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
      );
    });
    // Every request to any origin of the stack, bodies included (read in each frame: see ProxyTraffic).
    const origins = [
      stack.proxy.url,
      stack.site.url,
      stack.sandbox.vaultUrl,
      stack.sandbox.apiUrl,
      stack.cardFrame.url,
    ];
    const everything = await ProxyTraffic.watch(page, origins);
    const signup = await demo.open();
    await signup.fill({ email: 'vault-only@example.com', card: CARDS.visa });
    await signup.submit();
    await signup.result();
    const inFrame = expect.stringMatching(new RegExp(`^${stack.cardFrame.url}#`));
    const carrying = everything.sent.filter((request) => request.body?.includes(CARDS.visa.number));
    expect(carrying.map(({ url, frame }) => ({ url, frame }))).toEqual([
      { url: `${stack.sandbox.vaultUrl}/tokens`, frame: inFrame },
    ]);
    const omiseJs = everything.sent.filter((request) => request.url === stack.sandbox.omiseJsUrl);
    expect(omiseJs.map((request) => request.frame)).toEqual([inFrame]);
    expect(proxyTraffic.creates().map((create) => create.json.card)).toEqual([expect.stringMatching(/^tokn_test_/)]);
    // Neither the demo page's policy nor the frame's own (stricter) one was ever in the way.
    for (const frame of page.frames()) {
      expect(
        await frame.evaluate(() => (window as unknown as { violations: string[] }).violations),
        frame.url(),
      ).toEqual([]);
    }
  });

  test('follows the widget: disabled with it, and in its language', async ({ host, page }) => {
    const [signup] = await host.open('element', { locale: 'th' });
    if (!signup) throw new Error('no widget on the page');
    await expect(signup.field('หมายเลขบัตร')).toBeEnabled();
    await expect(signup.cardFrame.locator('html')).toHaveAttribute('lang', 'th');
    await page.locator('omise-signup').evaluate((el) => el.setAttribute('disabled', ''));
    for (const label of ['ชื่อบนบัตร', 'หมายเลขบัตร', 'วันหมดอายุ (MM/YY)', 'รหัสความปลอดภัย']) {
      await expect(signup.field(label)).toBeDisabled();
    }
    await page.locator('omise-signup').evaluate((el) => el.removeAttribute('disabled'));
    await expect(signup.field('หมายเลขบัตร')).toBeEnabled();
  });

  test('grows with its messages and shrinks back, with no scrollbar at any time', async ({ demo, page }) => {
    const signup = await demo.open();
    await signup.cardIsolation();
    const frame = signup.cardFrame;
    const measure = async () => {
      await signup.prepareClick(signup.submitButton);
      const height = await iframe(page).evaluate((el) => el.getBoundingClientRect().height);
      const overflow = await frame.locator('html').evaluate((html) => html.scrollHeight - html.clientHeight);
      return { height, overflow };
    };
    await expect(signup.field('Card number')).toBeVisible();
    const empty = await measure();
    expect(empty.overflow).toBe(0);

    await signup.submit();
    await expect(await signup.errorFor('Security code')).toHaveText('Enter the security code.');
    const errors = await measure();
    expect(errors.overflow).toBe(0);
    expect(errors.height).toBeGreaterThan(empty.height + 60);

    await signup.fill({ email: 'fits@example.com', card: CARDS.visa });
    await expect(await signup.errorFor('Security code')).toHaveCount(0);
    await expect.poll(async () => (await measure()).height).toBe(empty.height);
  });

  test('gives each widget its own frame and channel, and each frame answers only its widget', async ({
    host,
    page,
    sandbox,
  }) => {
    const [first, second] = await host.open('element', { widgets: 2 });
    if (!first || !second) throw new Error('expected two widgets');
    const channels = await Promise.all(
      [0, 1].map(async (n) => new URL((await iframe(page, n).getAttribute('src')) ?? '').hash),
    );
    expect(channels[0]).not.toBe(channels[1]);

    await first.fill({ card: CARDS.visa });
    await second.submit();
    // The second widget's check showed its own frame's messages; the first frame shows none.
    await expect(await second.errorFor('Card number')).toHaveText('Enter the card number.');
    await expect(await first.errorFor('Card number')).toHaveCount(0);
    await expect(first.field('Card number')).toHaveValue('4242 4242 4242 4242');
    await expect(second.field('Card number')).toHaveValue('');

    await first.fill({ email: 'one@example.com' });
    await first.submit();
    expect((await first.result()).Card).toBe('Visa ending in 4242');
    expect(await sandbox.tokenRequests()).toHaveLength(1);
    await expect(second.resultHeading).toHaveCount(0);
  });

  test('has a short title in the widget’s language, and no presentation role', async ({ demo, page }) => {
    for (const [lang, title] of [
      ['en', 'Card fields'],
      ['th', 'ช่องข้อมูลบัตร'],
      ['ja', 'カード入力欄'],
    ] as const) {
      await demo.open({ lang });
      await expect(iframe(page)).toHaveAttribute('title', title);
      await expect(iframe(page)).not.toHaveAttribute('role', /./);
      await expect(page.getByTitle(title)).toHaveCount(1);
    }
  });

  test('keeps Tab and Shift+Tab flowing from Description through the card fields to the button and back', async ({
    demo,
    page,
  }) => {
    const signup = await demo.open();
    await signup.cardIsolation();
    await signup.field('Description').focus();
    const order = ['Name on card', 'Card number', 'Expiry (MM/YY)', 'Security code'];
    for (const label of order) {
      await page.keyboard.press('Tab');
      await expect(signup.field(label)).toBeFocused();
    }
    await page.keyboard.press('Tab');
    await expect(signup.submitButton).toBeFocused();
    for (const label of [...order].reverse()) {
      await page.keyboard.press('Shift+Tab');
      await expect(signup.field(label)).toBeFocused();
    }
    await page.keyboard.press('Shift+Tab');
    await expect(signup.field('Description')).toBeFocused();
  });
});
