import { SignupForm } from '@omise-signup/testing';
import type { Page } from '@playwright/test';
import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

test.skip(({ cardIsolation }) => cardIsolation !== 'frame', 'sets the isolation of each run itself');

/**
 * A skimmer on the merchant's page, installed before any other script (a compromised tag would
 * load later and see less). In the top window only: it is the page's script, not the frame's.
 * It listens to every keyboard, input, clipboard and message event, forces every shadow root open,
 * wraps MessagePort so it sees every message both ways, and every 50 ms sweeps every input, every
 * shadow root and every frame it can reach.
 */
function skimmer() {
  if (window !== window.top) return;
  /** What it read off form fields and events: values, typed data, clipboard text. */
  const values: string[] = [];
  /** Every message it saw, window and port, both ways, as JSON. */
  const messages: string[] = [];
  /** Every key event: `keydown:a`. */
  const keys: string[] = [];
  const state = { values, messages, keys, sweeps: 0 };
  (window as unknown as { skimmed: typeof state }).skimmed = state;
  const json = (value: unknown) => {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  };

  for (const type of ['keydown', 'keypress', 'keyup']) {
    addEventListener(type, (event) => keys.push(`${type}:${(event as KeyboardEvent).key}`), true);
  }
  for (const type of ['input', 'beforeinput', 'change', 'paste', 'copy', 'cut']) {
    addEventListener(
      type,
      (event) => {
        const target = event.composedPath()[0] as HTMLInputElement;
        values.push(String(target?.value ?? ''), String((event as InputEvent).data ?? ''));
        const clipboard = (event as ClipboardEvent).clipboardData;
        if (clipboard) values.push(clipboard.getData('text'));
      },
      true,
    );
  }
  addEventListener('message', (event) => messages.push(`window ${json(event.data)}`), true);

  const roots: ShadowRoot[] = [];
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, { ...init, mode: 'open' });
    roots.push(root);
    return root;
  };

  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
    messages.push(`port out ${json(message)}`);
    return (post as (...args: unknown[]) => void).call(this, message, ...rest);
  } as typeof post;
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get() {
      return onmessage?.get?.call(this);
    },
    set(handler: ((event: MessageEvent) => void) | null) {
      onmessage?.set?.call(this, (event: MessageEvent) => {
        messages.push(`port in ${json(event.data)}`);
        handler?.call(this, event);
      });
    },
  });

  const sweep = (root: Document | ShadowRoot, depth = 0) => {
    if (depth > 10) return;
    for (const input of root.querySelectorAll('input, textarea')) values.push((input as HTMLInputElement).value);
    for (const frame of root.querySelectorAll('iframe')) {
      try {
        const doc = frame.contentDocument ?? frame.contentWindow?.document;
        if (doc) sweep(doc, depth + 1);
      } catch {}
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) sweep(el.shadowRoot, depth + 1);
  };
  setInterval(() => {
    sweep(document);
    for (const root of roots) sweep(root);
    state.sweeps++;
  }, 50);
}

interface Skimmed {
  values: string[];
  messages: string[];
  keys: string[];
  sweeps: number;
}

const skimmed = (page: Page): Promise<Skimmed> =>
  page.evaluate(() => (window as unknown as { skimmed: Skimmed }).skimmed);

/** The shopper signs up with the keyboard alone: Tab into each field, type, Enter; then the sweep runs a few more times. */
async function signUpByKeyboard(page: Page, signup: SignupForm) {
  await signup.cardIsolation();
  await signup.email.focus();
  await page.keyboard.type('skimmed@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Espresso plan');
  for (const value of [CARDS.visa.name, CARDS.visa.number, CARDS.visa.expiry, SECURITY_CODE]) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(value);
  }
  await page.keyboard.press('Enter');
  expect((await signup.result()).Card).toBe('Visa ending in 4242');
  const after = (await skimmed(page)).sweeps;
  await expect.poll(async () => (await skimmed(page)).sweeps).toBeGreaterThan(after + 3);
  return skimmed(page);
}

const SECURITY_CODE = '737';
/** What was typed on the page, from its keydown events. */
const typed = (keys: string[]) =>
  keys
    .filter((key) => key.startsWith('keydown:'))
    .map((key) => key.slice('keydown:'.length))
    .filter((key) => key.length === 1)
    .join('');

test.describe('a hostile script on the merchant’s page', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(skimmer);
  });

  test('captures no card number, no keystroke of it and no security code, and the customer is created', async ({
    demo,
    page,
    sandbox,
  }) => {
    const signup = await demo.open();
    const { values, messages, keys } = await signUpByKeyboard(page, signup);

    // It did skim the page: the email as swept and keystroke by keystroke, and the port both ways…
    expect(values).toContain('skimmed@example.com');
    expect(typed(keys)).toBe('skimmed@example.comEspresso plan');
    expect(messages.some((line) => line.startsWith('port out'))).toBe(true);
    expect(messages.some((line) => line.startsWith('port in'))).toBe(true);
    // …and nothing of the card: no key of it, no digit in any value or event it read (the email
    // and the plan have none), no number or code in any message.
    expect(keys.filter((key) => /:\d$/.test(key))).toEqual([]);
    expect(values.filter((value) => /\d/.test(value))).toEqual([]);
    for (const line of messages) {
      expect(line).not.toContain(CARDS.visa.number);
      expect(line).not.toContain('4242 4242');
      expect(line).not.toContain(`"${SECURITY_CODE}"`);
    }
    // What came back over the port: the token and what the widget may know of the card.
    expect(messages.filter((line) => line.includes('"tokenized"'))).toEqual([
      expect.stringMatching(/^port in .*"token":"tokn_test_\w+".*"lastDigits":"4242"/),
    ]);

    const [customer] = await sandbox.customers();
    expect(customer).toMatchObject({ email: 'skimmed@example.com', description: 'Espresso plan' });
    expect(customer?.cards.data.map((card) => card.last_digits)).toEqual(['4242']);
  });

  test('reads the card when the fields are inline (card-isolation="inline"): what the frame prevents', async ({
    page,
    stack,
  }) => {
    // The same script and the same shopper, with the card fields in the page.
    await page.goto(`${stack.proxy.url}/?isolation=inline`);
    const signup = new SignupForm(page.locator('omise-signup'), 'en', { cardIsolation: 'inline' });
    const { values, keys } = await signUpByKeyboard(page, signup);
    expect(values).toContain('4242 4242 4242 4242');
    expect(values).toContain(SECURITY_CODE);
    expect(typed(keys)).toContain(`${CARDS.visa.number}${CARDS.visa.expiry}${SECURITY_CODE}`);
  });
});
