import { CreatedCustomer, Customer, normaliseCustomer } from '@omise-signup/shared';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import created from '../../shared/test-data/customers-create.json' with { type: 'json' };
import { defineOmiseSignup } from './element.ts';
import { mount } from './mount.ts';
import { installFakeInternals } from './test/fake-internals.ts';

const CUSTOMER = CreatedCustomer.parse(normaliseCustomer(Customer.parse(created)));

beforeAll(() => {
  defineOmiseSignup();
});
afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('lang');
});

/** Adds `<omise-signup>` with these attributes to the page and returns it with queries into its shadow root. */
function place(attributes: Record<string, string>, parent: HTMLElement = document.body) {
  const host = document.createElement('omise-signup');
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  parent.append(host);
  const shadow = host.shadowRoot as ShadowRoot;
  return { host, shadow, ui: within(shadow as unknown as HTMLElement) };
}

/** The proxy answers every create with CUSTOMER. */
function answerCreated() {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(CUSTOMER), { status: 201 }));
}

/** Submits an email-only signup (no card) through the element. */
async function signUp(ui: ReturnType<typeof within>) {
  fireEvent.input(ui.getByLabelText('Email'), { target: { value: 'somchai@example.com' } });
  fireEvent.click(ui.getByRole('button', { name: 'Create account' }));
}

describe('<omise-signup>', () => {
  it('is defined once; defining it again returns the same class without throwing', () => {
    const first = customElements.get('omise-signup');
    expect(first).toBeDefined();
    expect(defineOmiseSignup()).toBe(first);
    expect(() => defineOmiseSignup()).not.toThrow();
  });

  it('survives the script tag being included twice', async () => {
    const defined = customElements.get('omise-signup');
    vi.resetModules();
    await expect(import('./iife.ts')).resolves.toHaveProperty('mount');
    vi.resetModules();
    await expect(import('./iife.ts')).resolves.toHaveProperty('mount');
    expect(customElements.get('omise-signup')).toBe(defined);
  });

  it('renders into an open shadow root with its stylesheet adopted, not inline', () => {
    const { shadow, ui } = place({ 'public-key': 'pkey_test_1', 'omise-js-url': 'https://cdn.example/omise.js' });
    expect(shadow.mode).toBe('open');
    expect(ui.getByLabelText('Card number')).toBeTruthy();
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(shadow.querySelector('style')).toBeNull();
    expect(document.body.querySelector('input')).toBeNull();
  });

  it('takes its locale from the closest lang on the page', async () => {
    const section = document.createElement('section');
    section.lang = 'ja';
    document.body.append(section);
    const { ui } = place({ 'card-isolation': 'inline' }, section);
    expect(await ui.findByLabelText('メールアドレス')).toBeTruthy();
  });

  it('applies attribute changes after it is mounted', async () => {
    const { host, ui } = place({ 'card-isolation': 'inline' });
    expect(ui.getByLabelText('Description')).toBeTruthy();
    host.setAttribute('card', 'none');
    await waitFor(() => expect(ui.queryByLabelText('Card number')).toBeNull());
    host.setAttribute('description', 'Newsletter');
    await waitFor(() => expect(ui.queryByLabelText('Description')).toBeNull());
    host.setAttribute('locale', 'th');
    expect(await ui.findByLabelText('อีเมล')).toBeTruthy();
    host.removeAttribute('locale');
    host.setAttribute('card', 'required');
    expect(await ui.findByLabelText('Card number')).toBeTruthy();
  });

  it('posts to a changed endpoint', async () => {
    const fetch = vi.fn(
      async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(CUSTOMER), { status: 201 }),
    );
    vi.stubGlobal('fetch', fetch);
    const { host, ui } = place({ card: 'none' });
    host.setAttribute('endpoint', '/signup/customers');
    await signUp(ui);
    await ui.findByRole('heading', { name: 'Your account is ready' });
    expect(fetch.mock.calls[0]?.[0]).toBe('/signup/customers');
  });

  it('sends omise-signup:success out of the shadow root to listeners on the page', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(CUSTOMER), { status: 201 }));
    const { host, ui } = place({ card: 'none' });
    const heard = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('omise-signup:success', (event) => resolve(event), { once: true }),
    );
    await signUp(ui);
    const event = await heard;
    expect(event.target).toBe(host);
    expect(event.bubbles).toBe(true);
    expect(event.composed).toBe(true);
    expect(event.detail).toEqual(CUSTOMER);
  });

  it('sends omise-signup:error with the code and the message the shopper saw', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const { host, ui } = place({ card: 'none' });
    const heard = new Promise<CustomEvent>((resolve) =>
      window.addEventListener('omise-signup:error', (event) => resolve(event), { once: true }),
    );
    await signUp(ui);
    const event = await heard;
    expect(event.target).toBe(host);
    expect(event.composed).toBe(true);
    expect(event.detail).toEqual({
      code: 'network_error',
      message: 'Could not reach the server. Check your connection and try again.',
      retryable: true,
    });
    expect(ui.getByRole('status').textContent).toBe(event.detail.message);
  });

  it('keeps what was typed when moved, and empties its shadow root when removed', async () => {
    const { host, shadow, ui } = place({ 'card-isolation': 'inline' });
    fireEvent.input(ui.getByLabelText('Email'), { target: { value: 'kept@example.com' } });
    const other = document.createElement('div');
    document.body.append(other);
    other.append(host);
    await Promise.resolve();
    expect((ui.getByLabelText('Email') as HTMLInputElement).value).toBe('kept@example.com');
    host.remove();
    await Promise.resolve();
    expect(shadow.childNodes).toHaveLength(0);
  });
});

describe('<omise-signup> in a page form', () => {
  let internals: ReturnType<typeof installFakeInternals>;
  beforeEach(() => {
    internals = installFakeInternals();
  });
  afterEach(() => internals.uninstall());

  /** `<form><omise-signup name="omise_customer" required card="none">…</form>` */
  function placeInForm(attributes: Record<string, string> = {}) {
    const form = document.createElement('form');
    document.body.append(form);
    const placed = place({ name: 'omise_customer', required: '', card: 'none', ...attributes }, form);
    return { form, ...placed, internals: internals.of(placed.host) };
  }

  it('is a form-associated custom element that belongs to its form', () => {
    const { form, host } = placeInForm();
    expect((customElements.get('omise-signup') as unknown as { formAssociated: boolean }).formAssociated).toBe(true);
    expect(host.form).toBe(form);
    expect(host.name).toBe('omise_customer');
    expect(host.required).toBe(true);
    expect(host.willValidate).toBe(true);
  });

  it('is missing its value while required and empty, with the message anchored on the Email field', () => {
    const { host, ui, internals } = placeInForm();
    expect(internals.value).toBeNull();
    expect(host.value).toBe('');
    expect(host.validity?.valueMissing).toBe(true);
    expect(host.validity?.valid).toBe(false);
    expect(host.validationMessage).toBe('Create your account first.');
    expect(internals.anchor).toBe(ui.getByLabelText('Email'));
    expect(host.checkValidity()).toBe(false);
  });

  it('focuses the Email field when the form reports it invalid', () => {
    const { host, shadow, ui } = placeInForm();
    expect(host.reportValidity()).toBe(false);
    expect(shadow.activeElement).toBe(ui.getByLabelText('Email'));
  });

  it('says so in Thai and Japanese', async () => {
    const { host, ui } = placeInForm({ locale: 'th' });
    await ui.findByLabelText('อีเมล');
    expect(host.validationMessage).toBe('กรุณาสร้างบัญชีก่อน');
    host.setAttribute('locale', 'ja');
    await ui.findByLabelText('メールアドレス');
    expect(host.validationMessage).toBe('先にアカウントを作成してください。');
  });

  it('is valid when not required, and follows the required attribute', () => {
    const { host } = placeInForm();
    host.required = false;
    expect(host.hasAttribute('required')).toBe(false);
    expect(host.validity?.valid).toBe(true);
    expect(host.checkValidity()).toBe(true);
    host.setAttribute('required', '');
    expect(host.validity?.valueMissing).toBe(true);
  });

  it('submits the created customer id as its field and becomes valid', async () => {
    answerCreated();
    const { host, ui, internals } = placeInForm();
    await signUp(ui);
    await ui.findByRole('heading', { name: 'Your account is ready' });
    expect(internals.value).toBe(CUSTOMER.id);
    expect(host.value).toBe(CUSTOMER.id);
    expect(host.validity?.valid).toBe(true);
    expect(host.validationMessage).toBe('');
    expect(host.checkValidity()).toBe(true);
  });

  it('creates the customer with its own button without submitting the page form', async () => {
    answerCreated();
    const { form, ui } = placeInForm();
    const pageSubmit = vi.fn((event: Event) => event.preventDefault());
    form.addEventListener('submit', pageSubmit);
    await signUp(ui);
    await ui.findByRole('heading', { name: 'Your account is ready' });
    expect(pageSubmit).not.toHaveBeenCalled();
  });

  it('keeps its fields in its own form, so Enter in them submits that form, not the page form', () => {
    const { form, shadow, ui } = placeInForm({ card: 'required', 'card-isolation': 'inline' });
    const own = shadow.querySelector('form');
    expect(own).not.toBeNull();
    for (const label of ['Email', 'Description', 'Name on card', 'Card number', 'Expiry (MM/YY)', 'Security code']) {
      const input = ui.getByLabelText(label) as HTMLInputElement;
      expect(input.form, label).toBe(own);
      expect(input.form, label).not.toBe(form);
    }
  });

  it('forgets the customer on Start again and anchors the message on the new Email field', async () => {
    answerCreated();
    const { host, ui, internals } = placeInForm();
    await signUp(ui);
    fireEvent.click(await ui.findByRole('button', { name: 'Start again' }));
    const email = await ui.findByLabelText('Email');
    expect(internals.value).toBeNull();
    expect(host.validity?.valueMissing).toBe(true);
    expect(internals.anchor).toBe(email);
  });

  it('empties its fields and forgets the customer when the form resets', async () => {
    answerCreated();
    const { host, ui, internals } = placeInForm();
    await signUp(ui);
    await ui.findByRole('heading', { name: 'Your account is ready' });
    (host as unknown as { formResetCallback(): void }).formResetCallback();
    expect(ui.queryByRole('heading', { name: 'Your account is ready' })).toBeNull();
    expect((ui.getByLabelText('Email') as HTMLInputElement).value).toBe('');
    expect(internals.value).toBeNull();
    expect(host.value).toBe('');
    expect(host.validity?.valueMissing).toBe(true);
    expect(internals.anchor).toBe(ui.getByLabelText('Email'));
  });

  it('empties what was typed when the form resets', () => {
    const { host, ui } = placeInForm({ card: 'optional', 'card-isolation': 'inline' });
    fireEvent.input(ui.getByLabelText('Email'), { target: { value: 'typed@example.com' } });
    fireEvent.input(ui.getByLabelText('Card number'), { target: { value: '4242' } });
    (host as unknown as { formResetCallback(): void }).formResetCallback();
    expect((ui.getByLabelText('Email') as HTMLInputElement).value).toBe('');
    expect((ui.getByLabelText('Card number') as HTMLInputElement).value).toBe('');
  });

  it('disables every field and button while its form disables it, and enables them again', async () => {
    const { host, shadow } = placeInForm({ card: 'required', 'card-isolation': 'inline' });
    const disable = (value: boolean) =>
      (host as unknown as { formDisabledCallback(disabled: boolean): void }).formDisabledCallback(value);
    const controls = () => [...shadow.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')];
    disable(true);
    await waitFor(() => expect(controls().every((control) => control.disabled)).toBe(true));
    expect(controls()).toHaveLength(7);
    disable(false);
    await waitFor(() => expect(controls().some((control) => control.disabled)).toBe(false));
  });

  it('does not submit while disabled, and disables Start again too', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(CUSTOMER), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    const { host, ui } = placeInForm();
    const disable = (value: boolean) =>
      (host as unknown as { formDisabledCallback(disabled: boolean): void }).formDisabledCallback(value);
    fireEvent.input(ui.getByLabelText('Email'), { target: { value: 'somchai@example.com' } });
    disable(true);
    fireEvent.submit(ui.getByRole('button', { name: 'Create account' }));
    await Promise.resolve();
    expect(fetch).not.toHaveBeenCalled();
    disable(false);
    fireEvent.click(ui.getByRole('button', { name: 'Create account' }));
    await ui.findByRole('heading', { name: 'Your account is ready' });
    disable(true);
    await waitFor(() =>
      expect((ui.getByRole('button', { name: 'Start again' }) as HTMLButtonElement).disabled).toBe(true),
    );
  });

  it('reflects name, required and disabled to attributes, as form controls do', () => {
    const { host } = placeInForm();
    host.name = 'customer';
    host.disabled = true;
    expect(host.getAttribute('name')).toBe('customer');
    expect(host.hasAttribute('disabled')).toBe(true);
    host.disabled = false;
    expect(host.hasAttribute('disabled')).toBe(false);
  });
});

describe('<omise-signup> without ElementInternals', () => {
  it('still works as a widget and reports itself as no form control', async () => {
    answerCreated();
    const form = document.createElement('form');
    document.body.append(form);
    const { host, ui } = place({ name: 'omise_customer', required: '', card: 'none' }, form);
    expect(host.form).toBeNull();
    expect(host.validity).toBeUndefined();
    expect(host.willValidate).toBe(false);
    expect(host.checkValidity()).toBe(true);
    await signUp(ui);
    expect(await ui.findByRole('heading', { name: 'Your account is ready' })).toBeTruthy();
  });
});

describe('mount()', () => {
  it('renders into a shadow root, updates its options and unmounts', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const signup = mount(el, { card: 'none' });
    const ui = within(el.shadowRoot as unknown as HTMLElement);
    expect(ui.getByLabelText('Email')).toBeTruthy();
    expect(ui.queryByLabelText('Card number')).toBeNull();
    signup.update({ card: 'required', locale: 'ja', cardIsolation: 'inline' });
    expect(await ui.findByLabelText('カード番号')).toBeTruthy();
    signup.unmount();
    expect(el.shadowRoot?.childNodes).toHaveLength(0);
  });

  it('resets to an empty form with the same options', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const signup = mount(el, { card: 'none', locale: 'ja' });
    const ui = within(el.shadowRoot as unknown as HTMLElement);
    fireEvent.input(await ui.findByLabelText('メールアドレス'), { target: { value: 'kept@example.com' } });
    signup.reset();
    expect((ui.getByLabelText('メールアドレス') as HTMLInputElement).value).toBe('');
    expect(ui.queryByLabelText('カード番号')).toBeNull();
  });

  it('calls onSuccess with the customer', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(CUSTOMER), { status: 201 }));
    const el = document.createElement('div');
    document.body.append(el);
    const onSuccess = vi.fn();
    mount(el, { card: 'none', onSuccess });
    await signUp(within(el.shadowRoot as unknown as HTMLElement));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(CUSTOMER));
  });
});
