import type { CardDetails, SignupDetails } from '@omise-signup/testing';
import { MESSAGES, type Messages } from '../fixtures/messages.ts';

/** How long a check waits for the widget to get there (it talks to the vault and the proxy). */
const WAIT_MS = 10_000;

/** What has focus, as a shopper would name it: a field by its label, else a button or heading by its text. */
export type Focus = { field: string } | { button: string } | { heading: string } | { other: string };

/**
 * One `<omise-signup>` as a shopper uses it, over classic WebDriver in WebKit. Every element is
 * found by what the shopper reads (a field by its `<label>`, a button by its text), and only
 * `findField` knows where fields live: when the card fields move into a frame, it is the one
 * place that changes. WebKit quirks (shared/reference/engines.md) are handled here too: a click
 * on an element in a shadow root is a pointer action at its coordinates, and text is typed with
 * `addValue`, since `browser.keys()` drops repeated letters.
 */
export class WebKitSignup {
  readonly messages: Messages;

  /** `host` is a CSS selector for the element (`omise-signup`, `section:nth-of-type(2) .signup-host`). */
  constructor(
    readonly browser: WebdriverIO.Browser,
    locale: keyof typeof MESSAGES = 'en',
    readonly host = 'omise-signup',
  ) {
    this.messages = MESSAGES[locale];
  }

  /** The input whose label reads exactly `label`, or null when the widget shows none. */
  async findField(label: string): Promise<WebdriverIO.Element | null> {
    const found = await this.browser.execute(
      (host: string, text: string) => {
        const root = document.querySelector(host)?.shadowRoot;
        const match = [...(root?.querySelectorAll('label') ?? [])].find((l) => l.textContent?.trim() === text);
        return (match?.control as HTMLElement | null | undefined) ?? null;
      },
      this.host,
      label,
    );
    return found ? await this.browser.$(found as unknown as WebdriverIO.Element).getElement() : null;
  }

  async field(label: string): Promise<WebdriverIO.Element> {
    const field = await this.until(`a field labelled "${label}"`, () => this.findField(label));
    return field;
  }

  /** Waits for the form to be on the page. */
  async ready(): Promise<this> {
    await this.field(this.messages.email);
    return this;
  }

  /** Replaces a field's text with `value`, as typed. */
  async type(label: string, value: string): Promise<void> {
    const field = await this.field(label);
    await field.clearValue();
    await field.addValue(value);
  }

  /** Types what is given, field by field, and leaves the rest as it is. */
  async fill(details: SignupDetails): Promise<void> {
    const t = this.messages;
    const card: Partial<CardDetails> = details.card ?? {};
    const entries: [string, string | undefined][] = [
      [t.email, details.email],
      [t.description, details.description],
      [t.name, card.name],
      [t.number, card.number],
      [t.expiry, card.expiry],
      [t.securityCode, card.securityCode],
    ];
    for (const [label, value] of entries) if (value !== undefined) await this.type(label, value);
  }

  async value(label: string): Promise<string> {
    return (await this.field(label)).getValue();
  }

  /** A real click (pointer down and up) on the widget's button that reads `text`. */
  async press(text: string): Promise<void> {
    const button = await this.until(`a button "${text}"`, async () => {
      const found = await this.browser.execute(
        (host: string, name: string) => {
          const root = document.querySelector(host)?.shadowRoot;
          return [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === name) ?? null;
        },
        this.host,
        text,
      );
      return found ? await this.browser.$(found as unknown as WebdriverIO.Element).getElement() : null;
    });
    // A pointer move may only target the viewport, so the button is brought into it first.
    await this.browser.execute((el: HTMLElement) => el.scrollIntoView({ block: 'center' }), button);
    await this.browser.action('pointer').move({ origin: button }).down().up().perform();
  }

  submit(): Promise<void> {
    return this.press(this.messages.submit);
  }

  /** The live status line's text. */
  status(): Promise<string> {
    return this.browser.execute(
      (host: string) => document.querySelector(host)?.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '',
      this.host,
    );
  }

  /** Waits for the status line to read `text`. */
  async statusIs(text: string): Promise<void> {
    await this.until(
      `the status "${text}"`,
      async () => ((await this.status()) === text ? true : null),
      () => this.status(),
    );
  }

  /** The message under the field labelled `label` (its `…-error` element), or null when none shows. */
  async errorFor(label: string): Promise<string | null> {
    const field = await this.field(label);
    const id = await field.getAttribute('id');
    return this.browser.execute(
      (host: string, errorId: string) =>
        document.querySelector(host)?.shadowRoot?.getElementById(errorId)?.textContent ?? null,
      this.host,
      `${id}-error`,
    );
  }

  /** Waits for the message under `label` to read `text`. */
  async errorIs(label: string, text: string): Promise<void> {
    await this.until(
      `"${text}" under ${label}`,
      async () => ((await this.errorFor(label)) === text ? true : null),
      () => this.errorFor(label),
    );
  }

  async invalid(label: string): Promise<boolean> {
    return (await (await this.field(label)).getAttribute('aria-invalid')) === 'true';
  }

  /** What has focus, looking through the page's and the widget's shadow roots. */
  focus(): Promise<Focus> {
    return this.browser.execute((): Focus => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      const text = active?.textContent?.trim() ?? '';
      if (active instanceof HTMLInputElement) return { field: active.labels?.[0]?.textContent?.trim() ?? '' };
      if (active instanceof HTMLButtonElement) return { button: text };
      if (active && /^H[1-6]$/.test(active.tagName)) return { heading: text };
      return { other: active?.tagName ?? 'none' };
    });
  }

  /** Waits for focus to be on `expected`. */
  async focusIs(expected: Focus): Promise<void> {
    const want = JSON.stringify(expected);
    await this.until(
      `focus on ${want}`,
      async () => (JSON.stringify(await this.focus()) === want ? true : null),
      () => this.focus(),
    );
  }

  /** Waits for the result view and reads it: term → value. */
  async result(): Promise<Record<string, string>> {
    return this.until(`the result "${this.messages.resultTitle}"`, () =>
      this.browser.execute(
        (host: string, title: string) => {
          const root = document.querySelector(host)?.shadowRoot;
          if (root?.querySelector('h2')?.textContent?.trim() !== title) return null;
          const terms = [...root.querySelectorAll('dt')].map((dt) => dt.textContent?.trim() ?? '');
          const values = [...root.querySelectorAll('dd')].map((dd) => dd.textContent?.trim() ?? '');
          return Object.fromEntries(terms.map((term, i) => [term, values[i] ?? '']));
        },
        this.host,
        this.messages.resultTitle,
      ),
    );
  }

  /** Polls `probe` until it gives a value (not null); the failure says what was last seen. */
  async until<T>(what: string, probe: () => Promise<T | null>, seen?: () => Promise<unknown>): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = await probe();
      if (value !== null) return value;
      if (Date.now() > deadline) {
        const last = seen ? ` (last seen: ${JSON.stringify(await seen())})` : '';
        throw new Error(`waited ${WAIT_MS / 1000} s for ${what}${last}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
