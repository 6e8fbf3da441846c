import type { CardCheck, CardSource, CardToken } from '../card-source.ts';
import { TokenizeError } from '../tokenizer.ts';
import {
  type CardField,
  connect,
  type Envelope,
  type FrameMessage,
  type FrameSettings,
  type HostMessage,
  isHello,
  parseFrameMessage,
  VERSION,
} from './protocol.ts';

export interface FrameCardEvents {
  /** The frame is configured and its fields take input. */
  onReady(): void;
  onResize(height: number): void;
  onState(invalid: CardField[]): void;
  /** Enter in a card field. */
  onSubmit(): void;
}

/** The card fields in the card frame, as the form uses them. */
export interface FrameCard extends CardSource {
  /** Sends the frame its settings now and again after every (re)connection. */
  configure(settings: FrameSettings): void;
  /** Stops listening and closes the port. */
  close(): void;
}

type Reply = Extract<FrameMessage, { id: number }>;

const unavailable = () => new TokenizeError({ code: 'card_frame_unavailable' });

/**
 * The widget's end of the frame protocol (protocol.ts). It accepts a `hello` only from this
 * iframe's window, from the frame's origin, on this iframe's channel, then hands the frame one
 * end of a MessageChannel; everything else goes over that port, so no other window can speak
 * for the frame, and two widgets never hear each other's frames.
 */
export function connectCardFrame(
  iframe: HTMLIFrameElement,
  origin: string,
  channel: string,
  events: FrameCardEvents,
  timeoutMs: () => number,
): FrameCard {
  let port: MessagePort | null = null;
  let settings: FrameSettings | null = null;
  let ready = false;
  let warm = false;
  let nextId = 0;
  const pending = new Map<number, (reply: Reply | null) => void>();
  const waiting = new Set<(ok: boolean) => void>();

  const send = (message: HostMessage) => port?.postMessage({ ...message, v: VERSION } satisfies Envelope<HostMessage>);

  function settle(isReady: boolean) {
    ready = isReady;
    for (const wake of waiting) wake(isReady);
    waiting.clear();
  }

  function receive(message: FrameMessage | null) {
    if (!message) return; // unknown, malformed or from another version: dropped
    switch (message.type) {
      case 'ready':
        settle(true);
        events.onReady();
        return;
      case 'resize':
        events.onResize(message.height);
        return;
      case 'state':
        events.onState(message.invalid);
        return;
      case 'submit':
        events.onSubmit();
        return;
      default:
        pending.get(message.id)?.(message);
        pending.delete(message.id);
    }
  }

  function onWindowMessage(event: MessageEvent) {
    if (event.source !== iframe.contentWindow || event.origin !== origin || !isHello(event.data, channel)) return;
    // A second hello means the frame reloaded: its old port is gone, and so are its answers.
    port?.close();
    for (const answer of pending.values()) answer(null);
    pending.clear();
    ready = false;
    const { port1, port2 } = new MessageChannel();
    port = port1;
    port.onmessage = (message) => receive(parseFrameMessage(message.data));
    iframe.contentWindow?.postMessage(connect(channel), origin, [port2]);
    if (settings) send({ type: 'configure', settings });
    if (warm) send({ type: 'warm' });
  }
  window.addEventListener('message', onWindowMessage);

  /** Resolves once the frame is ready; rejects when it is not within the timeout. */
  function whenReady(): Promise<void> {
    if (ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => wake(false), timeoutMs());
      const wake = (ok: boolean) => {
        clearTimeout(timer);
        waiting.delete(wake);
        if (ok) resolve();
        else reject(unavailable());
      };
      waiting.add(wake);
    });
  }

  async function request<T extends Reply['type']>(type: T, waitMs: number): Promise<Extract<Reply, { type: T }>> {
    await whenReady();
    const id = ++nextId;
    const reply = await new Promise<Reply | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), waitMs);
      pending.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      send({ type: type === 'checked' ? 'check' : 'tokenize', id });
    });
    pending.delete(id);
    if (reply?.type !== type) throw unavailable();
    return reply as Extract<Reply, { type: T }>;
  }

  return {
    configure(next) {
      settings = next;
      send({ type: 'configure', settings });
    },
    async check(): Promise<CardCheck> {
      const { invalid, empty } = await request('checked', timeoutMs());
      return { invalid, empty };
    },
    async tokenize(): Promise<CardToken> {
      // The frame waits for Omise.js, then for the vault, each up to the timeout.
      const { result } = await request('tokenized', 2 * timeoutMs() + 1000);
      if (!result.ok)
        throw new TokenizeError({ code: result.code, ...(result.fields ? { fields: result.fields } : {}) });
      return { token: result.token, card: result.card };
    },
    spent: (token) => send({ type: 'spent', token }),
    refuse: (fields) => send({ type: 'refuse', fields }),
    focus(field) {
      // A frame may move focus within itself, not take it from the page: give it focus first, unless
      // it has it (then focusing the iframe again would only reset focus to its document).
      if ((iframe.getRootNode() as Document | ShadowRoot).activeElement !== iframe) iframe.focus();
      send({ type: 'focus', field });
    },
    warm() {
      warm = true;
      send({ type: 'warm' });
    },
    close() {
      window.removeEventListener('message', onWindowMessage);
      port?.close();
      port = null;
      for (const answer of pending.values()) answer(null);
      pending.clear();
      settle(false);
    },
  };
}
