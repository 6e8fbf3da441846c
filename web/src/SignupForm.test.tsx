import { CreatedCustomer, Customer, normaliseCustomer } from '@omise-signup/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import created from '../../shared/test-data/customers-create.json' with { type: 'json' };
import { resetConfigs } from './api.ts';
import type { SignupError } from './errors.ts';
import { formatCreated } from './Result.tsx';
import { SignupForm, type SignupFormProps } from './SignupForm.tsx';
import { type OmiseResponse, resetOmiseLoads } from './tokenizer.ts';

const CUSTOMER = CreatedCustomer.parse(normaliseCustomer(Customer.parse(created)));
const KEYS = { publicKey: 'pkey_test_5fzs', omiseJsUrl: 'https://cdn.example/omise.js' };

type Answer = (statusCode: number, response: OmiseResponse) => void;
let tokenAnswer: (respond: Answer) => void;
let tokens: number;

/** window.Omise as the tests' stand-in for Omise.js: numbered tokens unless told otherwise. */
function installOmise() {
  tokens = 0;
  tokenAnswer = (respond) => respond(200, { id: `tokn_test_${++tokens}` });
  const omise = {
    setPublicKey: vi.fn(),
    createToken: vi.fn((_type: 'card', _card: unknown, respond: Answer) => tokenAnswer(respond)),
  };
  window.Omise = omise;
  return omise;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const isWarmup = (url: unknown) => String(url).endsWith('/api/warmup');

/** A fake proxy: answers POSTs from `replies` in turn (then 201), GET /api/config and the warm-up beacon. */
function installProxy(...replies: (Response | Error)[]) {
  const fetch = vi.fn(async (url: string | URL, init?: RequestInit) => {
    if (isWarmup(url)) return new Response(null, { status: 204 });
    if (!init?.method || init.method === 'GET') {
      return json(200, {
        ...KEYS,
        publicKey: 'pkey_test_fromconfig',
        vaultUrl: 'https://vault.example',
        livemode: false,
      });
    }
    const reply = replies.shift() ?? json(201, CUSTOMER);
    if (reply instanceof Error) throw reply;
    return reply;
  });
  vi.stubGlobal('fetch', fetch);
  const posts = () =>
    fetch.mock.calls
      .filter(([url, init]) => init?.method === 'POST' && !isWarmup(url))
      .map(([url, init]) => ({
        url,
        key: (init?.headers as Record<string, string> | undefined)?.['Idempotency-Key'],
        body: JSON.parse(String(init?.body)),
      }));
  const warmups = () => fetch.mock.calls.filter(([url]) => isWarmup(url));
  return { fetch, posts, warmups };
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });

function fillCard() {
  type('Email', 'somchai@example.com');
  type('Description', 'Gold member');
  type('Name on card', 'Somchai Jaidee');
  type('Card number', '4242424242424242');
  type('Expiry (MM/YY)', '12/34');
  type('Security code', '123');
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
const status = () => screen.getByRole('status');

function setup(props: SignupFormProps = {}) {
  const onSuccess = vi.fn();
  const onError = vi.fn<(error: SignupError) => void>();
  render(<SignupForm {...KEYS} onSuccess={onSuccess} onError={onError} {...props} />);
  return { onSuccess, onError };
}

beforeEach(() => {
  resetOmiseLoads();
  resetConfigs();
  installOmise();
});
afterEach(() => {
  cleanup();
  delete window.Omise;
});

describe('SignupForm fields', () => {
  it('labels every field and asks browsers for the right autofill and keyboard', () => {
    installProxy();
    setup();
    const expected: [string, string, string | null][] = [
      ['Email', 'email', null],
      ['Description', 'off', null],
      ['Name on card', 'cc-name', null],
      ['Card number', 'cc-number', 'numeric'],
      ['Expiry (MM/YY)', 'cc-exp', 'numeric'],
      ['Security code', 'cc-csc', 'numeric'],
    ];
    for (const [label, autocomplete, inputmode] of expected) {
      expect(field(label).getAttribute('autocomplete'), label).toBe(autocomplete);
      expect(field(label).getAttribute('inputmode'), label).toBe(inputmode);
    }
    expect(field('Email').type).toBe('email');
    expect(field('Email').required).toBe(true);
    expect(field('Card number').required).toBe(true);
    expect(field('Description').required).toBe(false);
    expect(screen.getByRole('button', { name: 'Create account' }).closest('form')?.noValidate).toBe(true);
    expect(field('Description').getAttribute('aria-describedby')).toContain('-tag');
    expect(screen.getByText('Optional')).toBeTruthy();
  });

  it('formats the card number as it is typed and pasted, and names the brand', () => {
    installProxy();
    setup();
    type('Card number', '42424');
    expect(field('Card number').value).toBe('4242 4');
    expect(screen.getByText('Visa')).toBeTruthy();
    type('Card number', '3782-822463-10005');
    expect(field('Card number').value).toBe('3782 822463 10005');
    expect(screen.getByText('American Express')).toBeTruthy();
    expect(field('Card number').getAttribute('aria-describedby')).toMatch(/-brand/);
  });

  it('adds the expiry slash and keeps the security code to the brand’s length', () => {
    installProxy();
    setup();
    type('Expiry (MM/YY)', '1');
    type('Expiry (MM/YY)', '12');
    expect(field('Expiry (MM/YY)').value).toBe('12/');
    type('Expiry (MM/YY)', '08/2029');
    expect(field('Expiry (MM/YY)').value).toBe('08/29');
    type('Card number', '4242424242424242');
    type('Security code', '12345');
    expect(field('Security code').value).toBe('123');
    type('Card number', '378282246310005');
    type('Security code', '12345');
    expect(field('Security code').value).toBe('1234');
  });

  it('keeps every field a browser autofills in one go', async () => {
    installProxy();
    setup();
    // Autofill fires input on several fields in one task, before any re-render.
    for (const [label, value] of [
      ['Name on card', 'Somchai Jaidee'],
      ['Card number', '4242424242424242'],
      ['Expiry (MM/YY)', '12/2034'],
    ]) {
      const input = field(label as string);
      input.value = value as string;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    await waitFor(() => expect(field('Expiry (MM/YY)').value).toBe('12/34'));
    expect(field('Name on card').value).toBe('Somchai Jaidee');
    expect(field('Card number').value).toBe('4242 4242 4242 4242');
  });

  it('shows a field’s problem once the shopper leaves it with a value', () => {
    installProxy();
    setup();
    type('Email', 'somchai@');
    expect(screen.queryByText('Enter an email address like name@example.com.')).toBeNull();
    fireEvent.blur(field('Email'));
    expect(screen.getByText('Enter an email address like name@example.com.')).toBeTruthy();
    type('Email', 'somchai@example.com');
    expect(screen.queryByText('Enter an email address like name@example.com.')).toBeNull();
  });
});

describe('SignupForm submit', () => {
  it('shows every problem, marks the fields invalid and focuses the first, sending nothing', async () => {
    const { fetch, warmups } = installProxy();
    setup();
    type('Card number', '4242');
    submit();
    await waitFor(() => expect(document.activeElement).toBe(field('Email')));
    expect(field('Email').getAttribute('aria-invalid')).toBe('true');
    const errorId = field('Email').getAttribute('aria-describedby');
    expect(document.getElementById(String(errorId))?.textContent).toBe('Enter your email address.');
    expect(screen.getByText('This card number is too short.')).toBeTruthy();
    expect(screen.getByText('Enter the name on the card.')).toBeTruthy();
    expect(field('Description').getAttribute('aria-invalid')).toBe('false');
    expect(status().textContent).toBe('Check the highlighted fields.');
    // Only the warm-up beacon, which carries nothing.
    expect(fetch.mock.calls).toEqual(warmups());
  });

  it('makes the page’s first date format while the shopper types, not after the submit', async () => {
    // Earlier tests' forms made theirs on a timer too: let those run first.
    await new Promise((resolve) => setTimeout(resolve));
    let made = 0;
    const Counting = class extends Intl.DateTimeFormat {
      constructor(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        super(...args);
        made++;
      }
    };
    vi.stubGlobal('Intl', Object.assign(Object.create(Intl), { DateTimeFormat: Counting }));
    installProxy();
    setup();
    fireEvent.focusIn(field('Email'));
    await waitFor(() => expect(made).toBe(1));
  });

  it('asks the proxy to warm its line to Omise once, when the shopper first focuses the form', async () => {
    const { warmups } = installProxy();
    setup({ card: 'none' });
    expect(warmups()).toEqual([]);
    fireEvent.focusIn(field('Email'));
    fireEvent.focusIn(field('Description'));
    fireEvent.focusIn(field('Email'));
    expect(warmups()).toEqual([
      [
        expect.objectContaining({ href: 'http://localhost:3000/api/warmup' }),
        expect.objectContaining({ method: 'POST', keepalive: true }),
      ],
    ]);
  });

  it('tokenizes, posts once with an Idempotency-Key, then shows the customer and focuses the result', async () => {
    const omise = window.Omise as ReturnType<typeof installOmise>;
    const { posts } = installProxy();
    const { onSuccess } = setup();
    fillCard();
    submit();
    const heading = await screen.findByRole('heading', { name: 'Your account is ready' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(omise.setPublicKey).toHaveBeenCalledWith('pkey_test_5fzs');
    expect(omise.createToken).toHaveBeenCalledWith(
      'card',
      {
        name: 'Somchai Jaidee',
        number: '4242424242424242',
        expiration_month: 12,
        expiration_year: 2034,
        security_code: '123',
      },
      expect.any(Function),
    );
    const [post] = posts();
    expect(posts()).toHaveLength(1);
    expect(post?.url).toBe('/api/customers');
    expect(post?.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(post?.body).toEqual({ email: 'somchai@example.com', description: 'Gold member', card: 'tokn_test_1' });
    expect(onSuccess).toHaveBeenCalledWith(CUSTOMER);
    for (const text of [
      'cust_test_63440m5rxrwz1lcwno0',
      'zinkyawkyaw@example.com',
      'Zin Kyaw Kyaw',
      'Visa ending in 4242',
      '11/2027',
      formatCreated('2025-03-20T09:12:02Z', 'en'),
    ]) {
      expect(screen.getByText(text)).toBeTruthy();
    }
    expect(status().textContent).toBe('Account created.');
  });

  it('is busy while tokenizing: aria-busy, a disabled button, and a second submit sends nothing', async () => {
    let answer: Answer | undefined;
    tokenAnswer = (respond) => {
      answer = respond;
    };
    const { posts } = installProxy();
    setup();
    fillCard();
    const form = screen.getByRole('button', { name: 'Create account' }).closest('form') as HTMLFormElement;
    fireEvent.submit(form);
    await waitFor(() => expect(status().textContent).toBe('Securing your card with Omise…'));
    expect(form.getAttribute('aria-busy')).toBe('true');
    const button = screen.getByRole('button', { name: 'Creating account…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.submit(form);
    fireEvent.submit(form);
    await waitFor(() => expect(answer).toBeDefined());
    answer?.(200, { id: 'tokn_test_only' });
    await screen.findByRole('heading', { name: 'Your account is ready' });
    expect(posts()).toHaveLength(1);
    expect(window.Omise?.createToken).toHaveBeenCalledTimes(1);
  });

  it('offers a retry after a network failure, and the retry reuses the Idempotency-Key and token', async () => {
    const { posts } = installProxy(new TypeError('Failed to fetch'));
    const { onError } = setup();
    fillCard();
    submit();
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(status().textContent).toBe('Could not reach the server. Check your connection and try again.');
    await waitFor(() => expect(document.activeElement).toBe(retry));
    expect(onError).toHaveBeenCalledWith({
      code: 'network_error',
      message: 'Could not reach the server. Check your connection and try again.',
      retryable: true,
    });
    fireEvent.click(retry);
    await screen.findByRole('heading', { name: 'Your account is ready' });
    const [first, second] = posts();
    expect(second?.key).toBe(first?.key);
    expect(second?.body).toEqual(first?.body);
    expect(window.Omise?.createToken).toHaveBeenCalledTimes(1);
  });

  it('sends a new Idempotency-Key once the data has changed', async () => {
    const { posts } = installProxy(new TypeError('Failed to fetch'));
    setup();
    fillCard();
    submit();
    await screen.findByRole('button', { name: 'Try again' });
    type('Description', 'Platinum member');
    submit();
    await screen.findByRole('heading', { name: 'Your account is ready' });
    const [first, second] = posts();
    expect(second?.key).not.toBe(first?.key);
    expect(second?.body.description).toBe('Platinum member');
  });

  it('puts the proxy’s field errors next to the fields and focuses the first, until it is edited', async () => {
    installProxy(
      json(400, {
        object: 'error',
        code: 'validation_error',
        message: 'Enter a valid email address, like name@example.com.',
        request_id: 'req_7',
        fields: [{ field: 'email', message: 'Enter a valid email address, like name@example.com.' }],
      }),
    );
    const { onError } = setup();
    fillCard();
    submit();
    await waitFor(() =>
      expect(status().textContent).toBe('Some details were not accepted. Check the highlighted fields.'),
    );
    await waitFor(() => expect(document.activeElement).toBe(field('Email')));
    expect(field('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('This was not accepted. Check it.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'validation_error', requestId: 'req_7' });
    type('Email', 'somchai@example.co.th');
    expect(screen.queryByText('This was not accepted. Check it.')).toBeNull();
  });

  it('shows Omise’s refusal of the card next to the field it names, without posting', async () => {
    tokenAnswer = (respond) => respond(400, { code: 'invalid_card', message: 'expiration date cannot be in the past' });
    const { posts } = installProxy();
    setup();
    fillCard();
    submit();
    await waitFor(() => expect(document.activeElement).toBe(field('Expiry (MM/YY)')));
    expect(screen.getByText('Omise did not accept this. Check it on your card.')).toBeTruthy();
    expect(status().textContent).toBe('This card was declined. Try another card.');
    expect(posts()).toEqual([]);
  });

  it('says so, with a retry, when the card token never comes back', async () => {
    tokenAnswer = () => {};
    installProxy();
    setup({ tokenTimeoutMs: 30 });
    fillCard();
    submit();
    await screen.findByRole('button', { name: 'Try again' });
    expect(status().textContent).toBe('Omise did not answer in time. Try again.');
  });

  it('starts again with an empty form, focused on the email', async () => {
    installProxy();
    setup();
    fillCard();
    submit();
    fireEvent.click(await screen.findByRole('button', { name: 'Start again' }));
    await waitFor(() => expect(document.activeElement).toBe(field('Email')));
    expect(field('Email').value).toBe('');
    expect(field('Card number').value).toBe('');
  });
});

describe('SignupForm options', () => {
  it('fetches the public key from /api/config when none is given', async () => {
    const { fetch } = installProxy();
    setup({ publicKey: undefined, omiseJsUrl: undefined });
    // The config names no card frame, so the card fields are inline.
    await screen.findByLabelText('Name on card');
    fillCard();
    submit();
    await screen.findByRole('heading', { name: 'Your account is ready' });
    expect(fetch.mock.calls[0]?.[0]).toBe(`${location.origin}/api/config`);
    expect(window.Omise?.setPublicKey).toHaveBeenCalledWith('pkey_test_fromconfig');
  });

  it('hides a preset description and sends it', async () => {
    const { posts } = installProxy();
    setup({ description: 'Newsletter signup' });
    expect(screen.queryByLabelText('Description')).toBeNull();
    fillCardWithoutDescription();
    submit();
    await screen.findByRole('heading', { name: 'Your account is ready' });
    expect(posts()[0]?.body.description).toBe('Newsletter signup');
  });

  it('asks for no card when card is none, and never loads Omise.js', async () => {
    const { posts } = installProxy();
    setup({ card: 'none' });
    expect(screen.queryByLabelText('Card number')).toBeNull();
    type('Email', 'somchai@example.com');
    submit();
    await screen.findByRole('heading', { name: 'Your account is ready' });
    expect(posts()[0]?.body).toEqual({ email: 'somchai@example.com' });
    expect(window.Omise?.createToken).not.toHaveBeenCalled();
  });

  it('lets an optional card be skipped', async () => {
    const { posts } = installProxy();
    setup({ card: 'optional' });
    expect(screen.getByText('Optional: leave these empty to add a card later.')).toBeTruthy();
    type('Email', 'somchai@example.com');
    submit();
    await screen.findByRole('heading', { name: 'Your account is ready' });
    expect(posts()[0]?.body).toEqual({ email: 'somchai@example.com' });
  });

  it('speaks Thai, loading it on first use', async () => {
    installProxy();
    setup({ locale: 'th' });
    expect(await screen.findByLabelText('อีเมล')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'สร้างบัญชี' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'สร้างบัญชี' }));
    expect(await screen.findByText('กรุณากรอกอีเมล')).toBeTruthy();
  });
});

function fillCardWithoutDescription() {
  type('Email', 'somchai@example.com');
  type('Name on card', 'Somchai Jaidee');
  type('Card number', '4242424242424242');
  type('Expiry (MM/YY)', '12/34');
  type('Security code', '123');
}
