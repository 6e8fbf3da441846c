import { CreatedCustomer, Customer, normaliseCustomer } from '@omise-signup/shared';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import created from '../../shared/test-data/customers-create.json' with { type: 'json' };
import { resetConfigs } from './api.ts';
import { checkCardNumber, formatExpiry, holdsCardNumber } from './card.ts';
import { mount } from './mount.ts';
import { loadOmise, resetOmiseLoads } from './tokenizer.ts';

const CUSTOMER = CreatedCustomer.parse(normaliseCustomer(Customer.parse(created)));

/** A proxy whose answers the test releases by hand. */
function heldProxy() {
  const releases: (() => void)[] = [];
  const calls: { url: string; key?: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({
        url,
        key: (init?.headers as Record<string, string> | undefined)?.['Idempotency-Key'],
        body: JSON.parse(String(init?.body)),
      });
      await new Promise<void>((resolve) => releases.push(resolve));
      return new Response(JSON.stringify(CUSTOMER), { status: 201 });
    }),
  );
  return { calls, release: () => releases.shift()?.() };
}

function widget(options: Parameters<typeof mount>[1]) {
  const el = document.createElement('div');
  document.body.append(el);
  const handle = mount(el, options);
  const ui = within(el.shadowRoot as unknown as HTMLElement);
  const type = (label: string, value: string) => fireEvent.input(ui.getByLabelText(label), { target: { value } });
  return { handle, ui, type };
}

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
  resetConfigs();
  resetOmiseLoads();
  delete window.Omise;
});

describe('a submit cut short by reset or unmount', () => {
  it('reports nothing once the form was reset mid-submit', async () => {
    const proxy = heldProxy();
    const onSuccess = vi.fn();
    const { handle, ui, type } = widget({ card: 'none', onSuccess });
    type('Email', 'a@example.com');
    fireEvent.click(ui.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(proxy.calls).toHaveLength(1));
    handle.reset();
    proxy.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onSuccess).not.toHaveBeenCalled();
    expect((ui.getByLabelText('Email') as HTMLInputElement).value).toBe('');
  });

  it('reports nothing once unmounted mid-submit', async () => {
    const proxy = heldProxy();
    const onSuccess = vi.fn();
    const { handle, ui, type } = widget({ card: 'none', onSuccess });
    type('Email', 'a@example.com');
    fireEvent.click(ui.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(proxy.calls).toHaveLength(1));
    handle.unmount();
    proxy.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onSuccess).not.toHaveBeenCalled();
  });
});

describe('a submit keeps the settings it started with', () => {
  it('posts the token to the endpoint it was made for, and new settings get a new key', async () => {
    const proxy = heldProxy();
    let answer: ((status: number, response: { id: string }) => void) | undefined;
    const setPublicKey = vi.fn();
    window.Omise = {
      setPublicKey,
      createToken: (_type, _card, callback) => {
        answer = callback as typeof answer;
      },
    };
    const settings = { publicKey: 'pkey_test_A', omiseJsUrl: 'https://cdn.example/omise.js', endpoint: '/a/customers' };
    await loadOmise(settings.omiseJsUrl, 1000, async () => {});
    const { handle, ui, type } = widget(settings);
    type('Email', 'a@example.com');
    type('Name on card', 'A B');
    type('Card number', '4242424242424242');
    type('Expiry (MM/YY)', '12/34');
    type('Security code', '123');
    fireEvent.click(ui.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(setPublicKey).toHaveBeenCalledWith('pkey_test_A'));
    handle.update({ ...settings, publicKey: 'pkey_test_B', endpoint: '/b/customers' });
    answer?.(200, { id: 'tokn_made_with_A' });
    await waitFor(() => expect(proxy.calls).toHaveLength(1));
    expect(proxy.calls[0]).toMatchObject({ url: '/a/customers', body: { card: 'tokn_made_with_A' } });
  });
});

describe('card data outside the card fields', () => {
  it('keeps a card number typed into Description in the browser, with a message at the field', async () => {
    const proxy = heldProxy();
    const { ui, type } = widget({ card: 'none' });
    type('Email', 'a@example.com');
    type('Description', 'my card 4242 4242 4242 4242');
    fireEvent.click(ui.getByRole('button', { name: 'Create account' }));
    await waitFor(() =>
      expect(ui.getByText('Card numbers go in the card fields only. Remove it from here.')).toBeTruthy(),
    );
    expect(proxy.calls).toEqual([]);
  });

  it('recognises card numbers however they are written, and not order numbers or dates', () => {
    expect(holdsCardNumber('4242.4242.4242.4242')).toBe(true);
    expect(holdsCardNumber('cc 4111-1111-1111-1111')).toBe(true);
    expect(holdsCardNumber('order 1234567812345678, 2026-11-25, call 0812345678')).toBe(false);
  });
});

describe('card rules', () => {
  it('reads a one-digit month ended with a slash, and MMYYYY pasted whole', () => {
    expect(formatExpiry('1/')).toBe('01/');
    expect(formatExpiry('1/27')).toBe('01/27');
    expect(formatExpiry('122027')).toBe('12/27');
  });

  it('takes 15-digit JCB (2131, 1800) and Diners 3095 numbers', () => {
    expect(checkCardNumber('180000000000002')).toBeNull();
    expect(checkCardNumber('213100000000001')).toBeNull();
    expect(checkCardNumber('30950000000000')).toBeNull();
  });
});

describe('checks on leaving a field', () => {
  it('come back after the submit button was pressed and the pointer let go elsewhere', async () => {
    const { ui, type } = widget({ card: 'none' });
    const email = ui.getByLabelText('Email') as HTMLInputElement;
    fireEvent.pointerDown(ui.getByRole('button', { name: 'Create account' }));
    fireEvent.pointerUp(document.body);
    await new Promise((resolve) => setTimeout(resolve, 10));
    type('Email', 'bad@');
    fireEvent.blur(email, { relatedTarget: ui.getByLabelText('Description') });
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
  });
});
