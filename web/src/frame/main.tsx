// The card frame page's script (served by @omise-signup/server's createCardFrame): it renders
// the card fields when an allowed widget has connected and configured it, tokenizes with Omise.js
// here, and tells the widget only what protocol.ts allows.
import { render } from 'preact';
import type { CardFieldsHandle } from '../CardFields.tsx';
import { createLocalCard } from '../card-source.ts';
import { isTokenizeError } from '../tokenizer.ts';
import { FrameApp } from './FrameApp.tsx';
import { parentOrigin, readPageConfig, refusal } from './page.ts';
import {
  CARD_FIELDS,
  type CardField,
  type Envelope,
  type FrameMessage,
  type FrameSettings,
  hello,
  isConnect,
  parseHostMessage,
  type TokenFailureCode,
  VERSION,
} from './protocol.ts';
import { frameStyles } from './styles.ts';

const config = readPageConfig(document);
const channel = location.hash.slice(1);
const parent = parentOrigin(location, document.referrer);
const refused = refusal(config, window.parent !== window, location.origin, parent);

if (refused || !config) {
  console.error(`omise-signup card frame: not shown, because ${refused}.`);
} else {
  start(config.hosts);
}

function start(hosts: string[]) {
  if (!config) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(frameStyles);
  document.adoptedStyleSheets = [sheet];

  let port: MessagePort | null = null;
  let fields: CardFieldsHandle | null = null;
  let settings: FrameSettings | null = null;
  let configure: ((settings: FrameSettings) => void) | null = null;
  let readySent = false;
  /** A field the widget asked to focus before this frame had focus (see 'focus' below). */
  let pendingFocus: CardField | null = null;
  let height = -1;
  const send = (message: FrameMessage) =>
    port?.postMessage({ ...message, v: VERSION } satisfies Envelope<FrameMessage>);

  const card = createLocalCard({
    fields: () => fields,
    keys: async () => ({ publicKey: config.publicKey, omiseJsUrl: config.omiseJsUrl }),
    timeoutMs: () => settings?.timeoutMs ?? 20_000,
  });

  const resize = new ResizeObserver(([entry]) => {
    const next = Math.ceil(entry?.borderBoxSize?.[0]?.blockSize ?? entry?.contentRect.height ?? 0);
    if (next === height) return;
    height = next;
    send({ type: 'resize', height });
  });

  render(
    <FrameApp
      connect={(apply) => {
        configure = apply;
      }}
      handle={(handle) => {
        fields = handle;
      }}
      rootRef={(el) => {
        resize.disconnect();
        if (el) resize.observe(el);
      }}
      onRendered={() => {
        if (readySent || !fields) return;
        readySent = true;
        send({ type: 'ready' });
      }}
      onState={(invalid) => send({ type: 'state', invalid })}
      onEnter={() => send({ type: 'submit' })}
      onFocus={() => card.warm()}
    />,
    document.body,
  );

  async function tokenize(id: number) {
    try {
      const { token, card: summary } = await card.tokenize();
      send({ type: 'tokenized', id, result: { ok: true, token, card: summary } });
    } catch (error) {
      const failure = isTokenizeError(error) ? error.failure : { code: 'token_failed' as const };
      const known: TokenFailureCode[] = ['invalid_card', 'token_timeout', 'omise_js_unavailable'];
      const code = known.includes(failure.code as TokenFailureCode)
        ? (failure.code as TokenFailureCode)
        : 'token_failed';
      const fields = (failure.fields ?? []).filter((field): field is CardField =>
        CARD_FIELDS.includes(field as CardField),
      );
      send({ type: 'tokenized', id, result: { ok: false, code, ...(fields.length ? { fields } : {}) } });
    }
  }

  function onPortMessage(event: MessageEvent) {
    const message = parseHostMessage(event.data);
    switch (message?.type) {
      case 'configure':
        settings = message.settings;
        configure?.(settings);
        return;
      case 'warm':
        card.warm();
        return;
      case 'check':
        card.check().then(({ invalid, empty }) => send({ type: 'checked', id: message.id, invalid, empty }));
        return;
      case 'tokenize':
        tokenize(message.id);
        return;
      case 'spent':
        card.spent(message.token);
        return;
      case 'refuse':
        card.refuse(message.fields);
        return;
      case 'focus':
        card.focus(message.field);
        // The widget gave this frame focus just before asking; when that lands after this message,
        // it resets focus to the document, so the field takes it again then.
        pendingFocus = document.hasFocus() ? null : message.field;
        return;
    }
    // Anything else (unknown, malformed, another version) is dropped.
  }

  // One connection per page load, from the window that frames this one, from an allowed origin,
  // on the channel the widget put in this page's URL. Nothing else is listened to on the window.
  function onWindowMessage(event: MessageEvent) {
    const offered = event.ports[0];
    if (port || event.source !== window.parent || !hosts.includes(event.origin)) return;
    if (!isConnect(event.data, channel) || !offered) return;
    port = offered;
    port.onmessage = onPortMessage;
    window.removeEventListener('message', onWindowMessage);
  }
  window.addEventListener('message', onWindowMessage);
  window.addEventListener('focus', () => {
    if (pendingFocus) card.focus(pendingFocus);
    pendingFocus = null;
  });

  // To the parent's exact origin when the browser says which it is; else to each allowed origin
  // (postMessage delivers to the one that matches, and to no other).
  for (const origin of parent ? [parent] : hosts) window.parent.postMessage(hello(channel), origin);
}
