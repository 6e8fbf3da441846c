import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from '../i18n/en.ts';
import { connectCardFrame, type FrameCardEvents } from './frame-card.ts';
import { CARD_TEXT_KEYS, type CardText, type FrameSettings, hello, parseHostMessage } from './protocol.ts';

const ORIGIN = 'https://card.shop.example';
const CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';
const text = Object.fromEntries(CARD_TEXT_KEYS.map((key) => [key, en[key]])) as CardText;
const SETTINGS: FrameSettings = {
  locale: 'en',
  text,
  theme: { scheme: 'light' },
  card: 'required',
  disabled: false,
  timeoutMs: 200,
};

/**
 * A stand-in for the card frame's window: it records what the widget posts to it and, once handed
 * a port, answers over it as `answer` says.
 */
function fakeFrame(answer: (message: Record<string, unknown>, reply: (data: unknown) => void) => void = () => {}) {
  const posted: { data: unknown; origin: string }[] = [];
  const received: Record<string, unknown>[] = [];
  let port: MessagePort | undefined;
  const contentWindow = {
    postMessage(data: unknown, origin: string, transfer: MessagePort[] = []) {
      posted.push({ data, origin });
      port = transfer[0];
      if (!port) return;
      port.onmessage = (event) => {
        received.push(event.data);
        answer(event.data, (data) => port?.postMessage(data));
      };
    },
  };
  const root = { activeElement: null as unknown };
  const iframe = { contentWindow, focus: vi.fn(), getRootNode: () => root } as unknown as HTMLIFrameElement;
  /** Focus moves into the frame, as when the shopper is in a card field. */
  const focusInside = () => {
    root.activeElement = iframe;
  };
  const say = (data: unknown) => port?.postMessage(data);
  return { iframe, contentWindow, posted, received, say, focusInside };
}

/** A message event as the browser dispatches it on the widget's window. */
function deliver(data: unknown, from: { origin?: string; source?: unknown } = {}) {
  window.dispatchEvent(
    new MessageEvent('message', { data, origin: from.origin ?? ORIGIN, source: (from.source ?? null) as Window }),
  );
}

const events = () => ({
  onReady: vi.fn<FrameCardEvents['onReady']>(),
  onResize: vi.fn<FrameCardEvents['onResize']>(),
  onState: vi.fn<FrameCardEvents['onState']>(),
  onSubmit: vi.fn<FrameCardEvents['onSubmit']>(),
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function connected(answer?: Parameters<typeof fakeFrame>[0]) {
  const frame = fakeFrame(answer);
  const on = events();
  const card = connectCardFrame(frame.iframe, ORIGIN, CHANNEL, on, () => SETTINGS.timeoutMs);
  closers.push(() => card.close());
  card.configure(SETTINGS);
  return { frame, on, card };
}

describe('the widget’s end of the card frame', () => {
  it('hands a port to its own frame only: its window, its origin, its channel', async () => {
    const { frame } = connected();
    const stranger = fakeFrame();
    deliver(hello(CHANNEL), { source: stranger.contentWindow });
    deliver(hello(CHANNEL), { source: frame.contentWindow, origin: 'https://evil.example' });
    deliver(hello('another-channel'), { source: frame.contentWindow });
    deliver({ ...hello(CHANNEL), v: 2 }, { source: frame.contentWindow });
    expect(frame.posted).toEqual([]);
    expect(stranger.posted).toEqual([]);

    deliver(hello(CHANNEL), { source: frame.contentWindow });
    expect(frame.posted).toEqual([
      { data: { protocol: 'omise-card-frame', v: 1, type: 'connect', channel: CHANNEL }, origin: ORIGIN },
    ]);
    await tick();
    // The settings follow over the port, and they parse as the frame will parse them.
    expect(frame.received.map(parseHostMessage)).toEqual([{ type: 'configure', settings: SETTINGS }]);
  });

  it('passes the frame’s events on, and drops what is not on the list', async () => {
    const { frame, on } = connected();
    deliver(hello(CHANNEL), { source: frame.contentWindow });
    frame.say({ v: 1, type: 'ready' });
    frame.say({ v: 1, type: 'resize', height: 320 });
    frame.say({ v: 1, type: 'state', invalid: ['number'] });
    frame.say({ v: 1, type: 'submit' });
    frame.say({ v: 1, type: 'value', field: 'number', value: '4242' });
    frame.say({ v: 9, type: 'submit' });
    await tick();
    expect(on.onReady).toHaveBeenCalledTimes(1);
    expect(on.onResize).toHaveBeenCalledWith(320);
    expect(on.onState).toHaveBeenCalledWith(['number']);
    expect(on.onSubmit).toHaveBeenCalledTimes(1);
  });

  it('asks the frame to check and tokenize, and matches each answer to its question', async () => {
    const card = { brand: 'Visa', lastDigits: '4242', expirationMonth: 12, expirationYear: 2031 };
    const { frame, card: source } = connected((message, reply) => {
      if (message.type === 'check') reply({ v: 1, type: 'checked', id: message.id, invalid: ['expiry'], empty: false });
      if (message.type === 'tokenize') {
        // An answer to a question never asked first: ignored.
        reply({ v: 1, type: 'tokenized', id: 999, result: { ok: true, token: 'tokn_test_wrong', card } });
        reply({ v: 1, type: 'tokenized', id: message.id, result: { ok: true, token: 'tokn_test_5x1', card } });
      }
    });
    deliver(hello(CHANNEL), { source: frame.contentWindow });
    frame.say({ v: 1, type: 'ready' });
    await expect(source.check()).resolves.toEqual({ invalid: ['expiry'], empty: false });
    await expect(source.tokenize()).resolves.toEqual({ token: 'tokn_test_5x1', card });
  });

  it('rejects with the frame’s failure, fields included', async () => {
    const { frame, card } = connected((message, reply) =>
      reply({
        v: 1,
        type: 'tokenized',
        id: message.id,
        result: { ok: false, code: 'invalid_card', fields: ['number'] },
      }),
    );
    deliver(hello(CHANNEL), { source: frame.contentWindow });
    frame.say({ v: 1, type: 'ready' });
    await expect(card.tokenize()).rejects.toMatchObject({ failure: { code: 'invalid_card', fields: ['number'] } });
  });

  it('says the card form is unavailable when the frame never gets ready, or stops answering', async () => {
    const silent = connected();
    await expect(silent.card.check()).rejects.toMatchObject({ failure: { code: 'card_frame_unavailable' } });

    const mute = connected();
    deliver(hello(CHANNEL), { source: mute.frame.contentWindow });
    mute.frame.say({ v: 1, type: 'ready' });
    await expect(mute.card.tokenize()).rejects.toMatchObject({ failure: { code: 'card_frame_unavailable' } });
  });

  it('takes a new port when the frame reloads, dropping the questions the old one had', async () => {
    const { frame, card } = connected();
    deliver(hello(CHANNEL), { source: frame.contentWindow });
    frame.say({ v: 1, type: 'ready' });
    await tick();
    const pending = card.check();
    await tick();
    deliver(hello(CHANNEL), { source: frame.contentWindow });
    await expect(pending).rejects.toMatchObject({ failure: { code: 'card_frame_unavailable' } });
    expect(frame.posted).toHaveLength(2);
    await tick();
    // The reloaded frame is configured again.
    expect(frame.received.filter((m) => m.type === 'configure')).toHaveLength(2);
  });

  it('focuses the frame before asking it to focus a field, unless it has focus already', async () => {
    const { frame, card } = connected();
    deliver(hello(CHANNEL), { source: frame.contentWindow });
    card.focus('securityCode');
    expect(frame.iframe.focus).toHaveBeenCalledTimes(1);
    frame.focusInside();
    card.focus('number');
    // Focusing the iframe again would reset the frame's focus to its document.
    expect(frame.iframe.focus).toHaveBeenCalledTimes(1);
    await tick();
    expect(frame.received.slice(1).map(parseHostMessage)).toEqual([
      { type: 'focus', field: 'securityCode' },
      { type: 'focus', field: 'number' },
    ]);
  });

  it('says what was spent or refused, and when to load Omise.js', async () => {
    const { frame, card } = connected();
    deliver(hello(CHANNEL), { source: frame.contentWindow });
    card.spent('tokn_test_1');
    card.refuse(['number']);
    card.warm();
    await tick();
    expect(frame.received.slice(1).map(parseHostMessage)).toEqual([
      { type: 'spent', token: 'tokn_test_1' },
      { type: 'refuse', fields: ['number'] },
      { type: 'warm' },
    ]);
  });

  it('stops listening once closed', () => {
    const { frame, card } = connected();
    card.close();
    deliver(hello(CHANNEL), { source: frame.contentWindow });
    expect(frame.posted).toEqual([]);
  });
});
