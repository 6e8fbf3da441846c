import { type Messages, messages } from '@omise-signup/web/messages';
import type { Locator } from '@playwright/test';

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

/**
 * One `<omise-signup>` as a shopper uses it: fields found by their visible label, buttons by
 * role and name, in the widget's language. Playwright's locators pierce the open shadow root.
 * @example
 * const signup = new SignupForm(page.locator('omise-signup'));
 * await signup.fill({ email: 'a@example.com', card: TEST_CARD });
 * await signup.submit();
 * expect((await signup.result())['Customer ID']).toMatch(/^cust_test_/);
 */
export class SignupForm {
  readonly messages: Messages;

  /** `locale` names one of the widget's languages, or gives its strings (for a customised copy). */
  constructor(
    readonly root: Locator,
    locale: keyof typeof messages | Messages = 'en',
  ) {
    this.messages = typeof locale === 'string' ? messages[locale] : locale;
  }

  /** The input labelled `label` (exactly). */
  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: true });
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

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  /** The "Try again" the widget offers after a failure it thinks may pass on a second go. */
  async retry(): Promise<void> {
    await this.root.getByRole('button', { name: this.messages.retry, exact: true }).click();
  }

  async startAgain(): Promise<void> {
    await this.root.getByRole('button', { name: this.messages.startAgain, exact: true }).click();
  }

  /** The message shown under the field labelled `label`: the element its aria-describedby names as `…-error`. */
  async errorFor(label: string): Promise<Locator> {
    const id = await this.field(label).getAttribute('id');
    if (!id) throw new Error(`the field "${label}" has no id, so no error can be tied to it`);
    return this.root.locator(`[id="${id}-error"]`);
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
