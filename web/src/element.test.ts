import { CreatedCustomer, Customer, normaliseCustomer } from '@omise-signup/shared';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import created from '../../shared/test-data/customers-create.json' with { type: 'json' };
import { defineOmiseSignup } from './element.ts';
import { mount } from './mount.ts';

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
    const { ui } = place({}, section);
    expect(await ui.findByLabelText('メールアドレス')).toBeTruthy();
  });

  it('applies attribute changes after it is mounted', async () => {
    const { host, ui } = place({});
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
    const { host, shadow, ui } = place({});
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

describe('mount()', () => {
  it('renders into a shadow root, updates its options and unmounts', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const signup = mount(el, { card: 'none' });
    const ui = within(el.shadowRoot as unknown as HTMLElement);
    expect(ui.getByLabelText('Email')).toBeTruthy();
    expect(ui.queryByLabelText('Card number')).toBeNull();
    signup.update({ card: 'required', locale: 'ja' });
    expect(await ui.findByLabelText('カード番号')).toBeTruthy();
    signup.unmount();
    expect(el.shadowRoot?.childNodes).toHaveLength(0);
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
