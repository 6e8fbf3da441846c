import { type Messages, messages } from '@omise-signup/web/messages';
import { expect, type FrameLocator, type Locator } from '@playwright/test';

export interface CardDetails {
  name: string;
  number: string;
  /** As a shopper types it: `12/31`. */
  expiry: string;
  securityCode: string;
}

export interface SignupDetails {
  email?: string;
  description?: string;
  card?: Partial<CardDetails>;
}

/** What the result view lists, by its (localised) term: `Customer ID`, `Email`, `Card`… */
export type ResultFields = Record<string, string>;

/** Where the widget's card fields are: in the card frame (the default) or inline in the widget. */
export type CardIsolation = 'frame' | 'inline';

export interface SignupFormOptions {
  /**
   * Where the card fields are. Without it, `fill()`, `errorFor()` and the other async methods find
   * out from the page, and `field()` assumes the card frame until one of them has.
   */
  cardIsolation?: CardIsolation | undefined;
}

/**
 * One `<omise-signup>` as a shopper uses it: fields found by their visible label, buttons by
 * role and name, in the widget's language. Playwright's locators pierce the open shadow root, and
 * the card fields are reached inside the card frame (a `frameLocator`), or inline when the widget
 * has them there (`card-isolation="inline"`).
 * @example
 * const signup = new SignupForm(page.locator('omise-signup'));
 * await signup.fill({ email: 'a@example.com', card: TEST_CARD });
 * await signup.submit();
 * expect((await signup.result())['Customer ID']).toMatch(/^cust_test_/);
 */
export class SignupForm {
  readonly messages: Messages;
  #isolation: CardIsolation | undefined;

  /** `locale` names one of the widget's languages, or gives its strings (for a customised copy). */
  constructor(
    readonly root: Locator,
    locale: keyof typeof messages | Messages = 'en',
    options: SignupFormOptions = {},
  ) {
    this.messages = typeof locale === 'string' ? messages[locale] : locale;
    this.#isolation = options.cardIsolation;
  }

  /** The card frame, as a frame locator (whether or not the widget uses one). */
  get cardFrame(): FrameLocator {
    return this.root.locator('iframe').contentFrame();
  }

  /** Where the card fields are: the card frame, or the widget itself for inline fields. */
  get cardFields(): Locator | FrameLocator {
    return this.#isolation === 'inline' ? this.root : this.cardFrame;
  }

  /** Waits until the widget shows its card fields (the frame loaded and rendered, or inline) and says where. */
  async cardIsolation(): Promise<CardIsolation> {
    if (!this.#isolation) {
      const inline = this.root.getByLabel(this.messages.number, { exact: true });
      await this.root.locator('iframe').or(inline).first().waitFor();
      this.#isolation = (await this.root.locator('iframe').count()) > 0 ? 'frame' : 'inline';
    }
    await this.field(this.messages.number).waitFor();
    return this.#isolation;
  }

  #isCardLabel(label: string): boolean {
    const t = this.messages;
    return [t.name, t.number, t.expiry, t.securityCode].includes(label);
  }

  /** The input labelled `label` (exactly); card fields are looked for where the card fields are. */
  field(label: string): Locator {
    return (this.#isCardLabel(label) ? this.cardFields : this.root).getByLabel(label, { exact: true });
  }

  get email(): Locator {
    return this.field(this.messages.email);
  }

  get submitButton(): Locator {
    return this.root.getByRole('button', { name: this.messages.submit, exact: true });
  }

  /** The submit button while a signup runs: renamed "Creating account…" and disabled. */
  get busyButton(): Locator {
    return this.root.getByRole('button', { name: this.messages.submitBusy, exact: true });
  }

  /** The live status line: progress, the failure in the shopper's words, or "Check the highlighted fields". */
  get status(): Locator {
    return this.root.getByRole('status');
  }

  get resultHeading(): Locator {
    return this.root.getByRole('heading', { name: this.messages.resultTitle });
  }

  /** Types what is given, field by field, and leaves the rest as it is. */
  async fill(details: SignupDetails): Promise<void> {
    const t = this.messages;
    const { card = {} } = details;
    const entries: [string, string | undefined][] = [
      [t.email, details.email],
      [t.description, details.description],
      [t.name, card.name],
      [t.number, card.number],
      [t.expiry, card.expiry],
      [t.securityCode, card.securityCode],
    ];
    if (Object.values(card).some((value) => value !== undefined)) await this.cardIsolation();
    for (const [label, value] of entries) {
      if (value === undefined) continue;
      const field = this.field(label);
      // A field with text is emptied first: over WebDriver BiDi (Firefox), Playwright's fill()
      // inserts its text at the selection, and an <input type="email"> has none, so the text
      // would land after the old value.
      if ((await field.inputValue()) !== '') await field.clear();
      await field.fill(value);
    }
  }

  /**
   * Makes a click on `target` land on it. The card frame resizes itself (a message appears under a
   * field, say) and a click aimed below it can land in it until the widget has followed; and right
   * after a scroll Chromium still routes clicks by where frames were before it. So this waits until
   * the frame is as tall as its content, scrolls `target` into view and lets the page paint twice.
   * `submit()`, `retry()` and `startAgain()` do it; call it before clicking a widget button yourself.
   */
  async prepareClick(target: Locator): Promise<void> {
    const page = this.root.page();
    const iframe = this.root.locator('iframe');
    const content = this.cardFrame.locator('.os-root');
    // A frame that has not rendered (still loading, or refused) has no height of its own to follow yet.
    if ((await iframe.count()) > 0 && (await content.count()) > 0) {
      const gap = async () =>
        Math.abs(
          (await iframe.evaluate((el) => el.getBoundingClientRect().height)) -
            (await content.evaluate((el) => Math.ceil(el.getBoundingClientRect().height))),
        );
      await expect
        .poll(gap, { message: 'the card frame takes the height of its content', intervals: [20] })
        .toBeLessThan(1);
    }
    await target.scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }

  async #press(button: Locator): Promise<void> {
    await this.prepareClick(button);
    await button.click();
  }

  async submit(): Promise<void> {
    await this.#press(this.submitButton);
  }

  /** The "Try again" the widget offers after a failure it thinks may pass on a second go. */
  async retry(): Promise<void> {
    await this.#press(this.root.getByRole('button', { name: this.messages.retry, exact: true }));
  }

  async startAgain(): Promise<void> {
    await this.#press(this.root.getByRole('button', { name: this.messages.startAgain, exact: true }));
  }

  /** The message shown under the field labelled `label`: the element its aria-describedby names as `…-error`. */
  async errorFor(label: string): Promise<Locator> {
    const card = this.#isCardLabel(label);
    if (card) await this.cardIsolation();
    const id = await this.field(label).getAttribute('id');
    if (!id) throw new Error(`the field "${label}" has no id, so no error can be tied to it`);
    return (card ? this.cardFields : this.root).locator(`[id="${id}-error"]`);
  }

  /** The failure the widget announces, as the shopper reads it (waits for one to show). */
  async error(): Promise<string> {
    const known = new Set([this.messages.statusTokenizing, this.messages.statusSubmitting, '']);
    await this.status.filter({ hasNotText: /^$/ }).waitFor();
    for (;;) {
      const text = ((await this.status.textContent()) ?? '').trim();
      if (!known.has(text)) return text;
      await this.root.page().waitForTimeout(50);
    }
  }

  /** Waits for the result view and reads it: term → value. */
  async result(): Promise<ResultFields> {
    await this.resultHeading.waitFor();
    const terms = await this.root.getByRole('term').allInnerTexts();
    const values = await this.root.getByRole('definition').allInnerTexts();
    return Object.fromEntries(terms.map((term, i) => [term.trim(), (values[i] ?? '').trim()]));
  }
}
