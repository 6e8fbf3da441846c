import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetConfigs } from './api.ts';
import type { SignupError } from './errors.ts';
import { SignupForm, type SignupFormProps } from './SignupForm.tsx';

const KEYS = { publicKey: 'pkey_test_5fzs', omiseJsUrl: 'https://cdn.example/omise.js' };
const FRAME = 'https://card.shop.example/';

/** GET /api/config answers with `config` (or fails when it is null). */
function installConfig(config: Record<string, unknown> | null) {
  const fetch = vi.fn(async () =>
    config ? new Response(JSON.stringify(config), { status: 200 }) : new Response('nope', { status: 503 }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const frame = () => document.querySelector('iframe');
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

function setup(props: SignupFormProps) {
  const onError = vi.fn<(error: SignupError) => void>();
  render(<SignupForm card="required" onError={onError} {...props} />);
  return { onError };
}

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  resetConfigs();
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(cleanup);

describe('where the card fields go', () => {
  it('into the card frame when its URL is given: an iframe titled for screen readers, no card inputs here', () => {
    installConfig(null);
    setup({ ...KEYS, cardFrameUrl: FRAME });
    const iframe = frame();
    expect(iframe?.title).toBe('Card fields');
    expect(iframe?.getAttribute('role')).toBeNull();
    // The channel rides in the fragment, which never reaches a server.
    expect(iframe?.src).toMatch(/^https:\/\/card\.shop\.example\/#[0-9a-f-]{36}$/);
    expect(iframe?.getAttribute('referrerpolicy')).toBe('origin');
    expect(screen.queryByLabelText('Card number')).toBeNull();
    expect(screen.getByRole('group', { name: 'Card details' }).contains(iframe)).toBe(true);
  });

  it('into the card frame the proxy’s config names, when the widget carries no keys', async () => {
    const fetch = installConfig({ ...KEYS, cardFrameUrl: FRAME });
    setup({});
    await waitFor(() => expect(frame()?.src.startsWith(FRAME)).toBe(true));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(screen.queryByLabelText('Card number')).toBeNull();
  });

  it('inline, without asking the config, when the widget carries keys and no frame URL', () => {
    const fetch = installConfig(null);
    setup(KEYS);
    expect(screen.getByLabelText('Card number')).toBeTruthy();
    expect(frame()).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('inline when card-isolation says so, whatever frame URL there is', () => {
    installConfig(null);
    setup({ ...KEYS, cardFrameUrl: FRAME, cardIsolation: 'inline' });
    expect(screen.getByLabelText('Card number')).toBeTruthy();
    expect(frame()).toBeNull();
  });

  it('inline when the config names no frame', async () => {
    installConfig(KEYS);
    setup({});
    expect(await screen.findByLabelText('Card number')).toBeTruthy();
  });

  it('nowhere, with a console error that says why, when the frame would be on the page’s own origin', async () => {
    installConfig(null);
    const { onError } = setup({ ...KEYS, cardFrameUrl: `${location.origin}/card-frame/` });
    expect(frame()).toBeNull();
    expect(screen.queryByLabelText('Card number')).toBeNull();
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError).toHaveBeenCalledWith(
      `omise-signup: the card frame ${location.origin}/card-frame/ is on this page's own origin, where every script on the page could read the card fields in it. Serve it from another origin (a card.* subdomain, say). The card fields are not shown.`,
    );
    expect(screen.getByText('The card form did not load. Try again.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'a@example.com' } });
    submit();
    await waitFor(() =>
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'card_frame_unavailable' })),
    );
  });

  it('nowhere when card-isolation is frame and no frame URL is known: never inline instead', async () => {
    installConfig(KEYS);
    setup({ ...KEYS, cardIsolation: 'frame' });
    await waitFor(() =>
      expect(consoleError).toHaveBeenCalledWith(
        'omise-signup: card-isolation is "frame", but no card-frame-url is set and the config names none, so the card fields are not shown.',
      ),
    );
    expect(screen.queryByLabelText('Card number')).toBeNull();
    expect(frame()).toBeNull();
  });

  it('nowhere while the config cannot be read, and asks again on "Try again"', async () => {
    const fetch = installConfig(null);
    const { onError } = setup({});
    expect(await screen.findByText('The form could not load its settings. Try again.')).toBeTruthy();
    expect(screen.queryByLabelText('Card number')).toBeNull();
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'a@example.com' } });
    submit();
    await waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'config_unavailable' })));
    installConfig({ ...KEYS, cardFrameUrl: FRAME });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(frame()?.src.startsWith(FRAME)).toBe(true));
    // Asked once on mount and once more by the submit; then "Try again" asked the next one.
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('moves when the frame URL changes, and the frame loads afresh', async () => {
    installConfig(null);
    const { rerender } = render(<SignupForm {...KEYS} cardFrameUrl={FRAME} />);
    const first = frame();
    rerender(<SignupForm {...KEYS} cardFrameUrl="https://card2.shop.example/" />);
    await waitFor(() => expect(frame()?.src.startsWith('https://card2.shop.example/')).toBe(true));
    expect(frame()).not.toBe(first);
  });
});
