import type { CardDetails, CardIsolation, SignupDetails } from '@omise-signup/testing';
import { MESSAGES, type Messages } from '../fixtures/messages.ts';

/** How long a check waits for the widget to get there (it talks to the vault and the proxy). */
const WAIT_MS = 10_000;

/** What has focus, as a shopper would name it: a field by its label, else a button or heading by its text. */
export type Focus = { field: string } | { button: string } | { heading: string } | { other: string };

/**
 * Where a field lives: in the widget's shadow root (Email, Description, and the card fields when
 * they are inline) or in the document of the card frame, an iframe of another origin inside it.
 */
export type Place = 'widget' | 'card frame';

/**
 * The labels of the card fields, in every language the suite speaks: a card label of another
 * language is still looked for where the card fields are, so "no field 'Card number'" in a Thai
 * widget is a real look into the card frame.
 */
const CARD_LABELS = new Set(
  Object.values(MESSAGES).flatMap((t) => [t.name, t.number, t.expiry, t.securityCode] as string[]),
);

/** What has focus in the current document, looking through shadow roots (a page script: see `execute`). */
function readFocus(): Focus {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  const text = active?.textContent?.trim() ?? '';
  if (active instanceof HTMLInputElement) return { field: active.labels?.[0]?.textContent?.trim() ?? '' };
  if (active instanceof HTMLButtonElement) return { button: text };
  if (active && /^H[1-6]$/.test(active.tagName)) return { heading: text };
  return { other: active?.tagName ?? 'none' };
}

/**
 * One `<omise-signup>` as a shopper uses it, over classic WebDriver in WebKit. Every element is
 * found by what the shopper reads (a field by its `<label>`, a button by its text).
 *
 * Where fields live is known in one place, `placeOf`, and reached in one, `within`: Email and
 * Description are in the widget's shadow root; the card fields are in the card frame (the
 * default), or in the shadow root too when the widget has them inline (`card-isolation="inline"`).
 * WebDriver reaches into the frame by switching its browsing context to the iframe (found through
 * the shadow root: it is not in `window.frames`, so switching by index finds no frame) and back
 * to the top document afterwards, so every other method starts and ends at the top. The page
 * scripts take a `host` argument for it: the widget's selector, or null inside the frame, where
 * the fields are in the document itself.
 *
 * WebKit quirks (shared/reference/engines.md) are handled here too: a click is a pointer action
 * at the element's coordinates, and text is typed with `addValue`, since `browser.keys()` drops
 * repeated letters. Two are the frame's: switching into it gives it focus (`within` hands focus
 * back), and WebKit ignores a script's `focus()` in a cross-origin frame the shopper has not
 * touched, WebDriver's typing included (`type` clicks the field first, as a shopper does).
 *
 * A WebDriver session has one current frame: await each call before the next, also across two
 * widgets of one page.
 */
export class WebKitSignup {
  readonly messages: Messages;
  readonly host: string;
  /** Where this widget puts its card fields: the suite opens each page in one mode and checks it. */
  readonly isolation: CardIsolation;

  /** `host` is a CSS selector for the element (`omise-signup`, `section:nth-of-type(2) .signup-host`). */
  constructor(
    readonly browser: WebdriverIO.Browser,
    locale: keyof typeof MESSAGES = 'en',
    options: { host?: string; isolation?: CardIsolation } = {},
  ) {
    this.messages = MESSAGES[locale];
    this.host = options.host ?? 'omise-signup';
    this.isolation = options.isolation ?? 'frame';
  }

  /** Where the field labelled `label` lives (see the class). */
  placeOf(label: string): Place {
    return this.isolation === 'frame' && CARD_LABELS.has(label) ? 'card frame' : 'widget';
  }

  /**
   * Runs `act` with WebDriver in the document of `place`, handing it the `host` argument for the
   * page scripts (null inside the card frame, where the fields are in the document itself), and
   * returns to the top document whatever happens. Waits for the card frame to be in the widget.
   *
   * In WebKit, switching WebDriver into a frame also gives that frame focus (the driver's
   * switchToBrowsingContext sends FocusFrame, and focusFrame calls setFocusedFrame), and switching
   * back to the top does not give it back: keys would then go to the frame's body. So unless
   * `act` is an interaction of the shopper's (`interacts`: a click, typing), focus is handed back
   * to the page when the frame did not have it before: `window.focus()` in the top document. The
   * page's focused element (Email, the button) stayed its focused element all along and gets the
   * keys again; the two windows see a blur and a focus event, the element none.
   */
  async within<T>(place: Place, act: (host: string | null) => Promise<T>, { interacts = false } = {}): Promise<T> {
    if (place === 'widget') return act(this.host);
    const { iframe, focused } = await this.until('the card frame in the widget', () => this.#cardFrame());
    // A reference, not a webdriverio element: switchFrame then sends it to the driver as it is.
    await this.browser.switchFrame(iframe);
    try {
      return await act(null);
    } finally {
      await this.browser.switchFrame(null);
      if (!interacts && !focused) await this.browser.execute(() => window.focus());
    }
  }

  /** Runs `script` in the card frame's document (the widget must have one). */
  inCardFrame<T>(script: () => T): Promise<T> {
    return this.within('card frame', () => this.browser.execute(script) as Promise<T>);
  }

  /**
   * The iframe in the widget's shadow root and whether it has focus (the page's active element,
   * through the shadow roots, is the iframe: WebKit reports it so while one of its fields has
   * focus), or null while there is none.
   */
  async #cardFrame(): Promise<{ iframe: WebdriverIO.Element; focused: boolean } | null> {
    const found = await this.browser.execute((host: string) => {
      const iframe = document.querySelector(host)?.shadowRoot?.querySelector('iframe');
      if (!iframe) return null;
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return { iframe, focused: active === iframe };
    }, this.host);
    return found as unknown as { iframe: WebdriverIO.Element; focused: boolean } | null;
  }

  /** The input whose label reads exactly `label` in the current document, or null. */
  async #findField(host: string | null, label: string): Promise<WebdriverIO.Element | null> {
    const found = await this.browser.execute(
      (host: string | null, text: string) => {
        const root = host === null ? document : document.querySelector(host)?.shadowRoot;
        const match = [...(root?.querySelectorAll('label') ?? [])].find((l) => l.textContent?.trim() === text);
        return (match?.control as HTMLElement | null | undefined) ?? null;
      },
      host,
      label,
    );
    return found ? await this.browser.$(found as unknown as WebdriverIO.Element).getElement() : null;
  }

  /** Whether the widget shows a field labelled exactly `label` now (looked for where it would live). */
  hasField(label: string): Promise<boolean> {
    return this.within(this.placeOf(label), async (host) => (await this.#findField(host, label)) !== null);
  }

  /**
   * Runs `act` on the field labelled `label`, once it shows, in the document it lives in. The
   * element is only valid inside `act`: outside it WebDriver is back in the top document.
   */
  withField<T>(
    label: string,
    act: (field: WebdriverIO.Element, host: string | null) => Promise<T>,
    options: { interacts?: boolean } = {},
  ): Promise<T> {
    return this.within(
      this.placeOf(label),
      async (host) => {
        const field = await this.until(`a field labelled "${label}"`, () => this.#findField(host, label));
        return act(field, host);
      },
      options,
    );
  }

  /** Waits for the field labelled `label` to show where it lives. */
  async fieldShows(label: string): Promise<void> {
    await this.withField(label, async () => undefined);
  }

  /** Waits for the form: Email in the widget, and the card number where this widget's card fields are. */
  async ready(): Promise<this> {
    await this.fieldShows(this.messages.email);
    await this.fieldShows(this.messages.number);
    if (this.isolation === 'inline' && (await this.#cardFrame()) !== null) {
      throw new Error('the widget has a card frame, though its card fields were to be inline');
    }
    return this;
  }

  /**
   * Replaces a field's text with `value` as a shopper does: a click in the field, then typing.
   * (The click matters in the card frame: WebDriver types after focusing the field by script, and
   * WebKit ignores a script's focus() in a cross-origin frame the shopper has not interacted with.)
   */
  type(label: string, value: string): Promise<void> {
    return this.withField(
      label,
      async (field) => {
        await this.#pointAndClick(field);
        await field.clearValue();
        await field.addValue(value);
      },
      { interacts: true },
    );
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

  value(label: string): Promise<string> {
    return this.withField(label, (field) => field.getValue());
  }

  /** A real click (pointer down and up) on the field labelled `label`, in its document. */
  click(label: string): Promise<void> {
    return this.withField(label, (field) => this.#pointAndClick(field), { interacts: true });
  }

  /** A real click (pointer down and up) on the widget's button that reads `text`. */
  async press(text: string): Promise<void> {
    // The frame follows its content's height a message later: a button aimed at before it has
    // would move under the pointer (the click landing in the frame).
    await this.frameFitsContent();
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
    await this.#pointAndClick(button);
  }

  async #pointAndClick(element: WebdriverIO.Element): Promise<void> {
    // A pointer move may only target the viewport, so the element is brought into it first, and
    // the page paints twice so that the driver reads where it is now.
    await this.browser.executeAsync((el: HTMLElement, done: () => void) => {
      el.scrollIntoView({ block: 'center' });
      requestAnimationFrame(() => requestAnimationFrame(() => done()));
    }, element);
    await this.browser.action('pointer').move({ origin: element }).down().up().perform();
  }

  submit(): Promise<void> {
    return this.press(this.messages.submit);
  }

  /** The card frame's height in the page and its content's, in CSS pixels (the widget must have a frame). */
  async frameHeights(): Promise<{ frame: number; content: number; overflow: number }> {
    const frame = await this.browser.execute(
      (host: string) =>
        document.querySelector(host)?.shadowRoot?.querySelector('iframe')?.getBoundingClientRect().height ?? -1,
      this.host,
    );
    const inside = await this.inCardFrame(() => {
      const html = document.documentElement;
      const content = document.querySelector('.os-root')?.getBoundingClientRect().height ?? -1;
      return { content: Math.ceil(content), overflow: html.scrollHeight - html.clientHeight };
    });
    return { frame, ...inside };
  }

  /** Waits until the card frame is as tall as its content (at once inline, or before the frame shows its fields). */
  async frameFitsContent(): Promise<void> {
    if (this.isolation !== 'frame' || (await this.#cardFrame()) === null) return;
    await this.until(
      'the card frame to take the height of its content',
      async () => {
        const { frame, content } = await this.frameHeights();
        return content < 0 || Math.abs(frame - content) < 1 ? true : null;
      },
      () => this.frameHeights(),
    );
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
  errorFor(label: string): Promise<string | null> {
    return this.withField(label, async (field, host) => {
      const id = await field.getAttribute('id');
      return this.browser.execute(
        (host: string | null, errorId: string) => {
          const root = host === null ? document : document.querySelector(host)?.shadowRoot;
          return root?.getElementById(errorId)?.textContent ?? null;
        },
        host,
        `${id}-error`,
      );
    });
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
    return (await this.withField(label, (field) => field.getAttribute('aria-invalid'))) === 'true';
  }

  /** Whether the card frame is the widget's focused element (focus is somewhere in its document). */
  async frameFocused(): Promise<boolean> {
    return (await this.#cardFrame())?.focused ?? false;
  }

  /** What has focus: a field of the card frame when the frame has it, else what has it in the page. */
  async focus(): Promise<Focus> {
    const frame = this.isolation === 'frame' ? await this.#cardFrame() : null;
    if (frame?.focused) return this.within('card frame', () => this.browser.execute(readFocus));
    return this.browser.execute(readFocus);
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
