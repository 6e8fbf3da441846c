/**
 * The card frame's message list, version 1: the only words the widget (the host page) and the
 * card frame (another origin) exchange. Both sides import this module; each parses what it
 * receives with the guard for its direction and drops anything else (unknown type, wrong shape,
 * other version). No message carries what the shopper typed: the host learns which card fields
 * are invalid or empty, and after tokenizing the token id, brand, last digits and expiry.
 *
 * Handshake (window.postMessage, origin-checked on both sides):
 *   frame → host  `hello { channel }`            to the parent's exact origin
 *   host → frame  `connect { channel }` + a MessagePort, to the frame's exact origin
 * Then everything goes over the port, each message `{ v: 1, type, … }`:
 *   host → frame  configure, warm, check, tokenize, spent, refuse, focus
 *   frame → host  ready, resize, state, checked, tokenized, submit
 */

export const PROTOCOL = 'omise-card-frame';
export const VERSION = 1;

/** The card fields, in form order. */
export type CardField = 'name' | 'number' | 'expiry' | 'securityCode';
export const CARD_FIELDS: readonly CardField[] = ['name', 'number', 'expiry', 'securityCode'];

/** The strings the frame shows, sent by the widget in its locale (keys of the widget's Messages). */
export const CARD_TEXT_KEYS = [
  'cardFrameTitle',
  'name',
  'number',
  'expiry',
  'securityCode',
  'securityCodeHint',
  'detectedBrand',
  'nameRequired',
  'nameHasCard',
  'numberRequired',
  'numberInvalid',
  'numberIncomplete',
  'numberLuhn',
  'expiryRequired',
  'expiryInvalid',
  'expiryPast',
  'securityCodeRequired',
  'securityCodeLength',
  'rejectedCard',
] as const;
export type CardText = Record<(typeof CARD_TEXT_KEYS)[number], string>;

/**
 * The widget's theme as values, never as CSS: colours, lengths and a font family, each checked
 * against a narrow grammar by the frame (no `url()`, no `;`, no selectors).
 */
export const THEME_KEYS = [
  'text',
  'muted',
  'field',
  'border',
  'error',
  'primary',
  'soft',
  'radius',
  'spacing',
  'font',
  'fontSize',
] as const;
export type ThemeKey = (typeof THEME_KEYS)[number];
export type ThemeTokens = Partial<Record<ThemeKey, string>> & { scheme: 'light' | 'dark' };

export interface FrameSettings {
  locale: 'en' | 'th' | 'ja';
  text: CardText;
  theme: ThemeTokens;
  /** `optional`: all card fields may stay empty. */
  card: 'required' | 'optional';
  disabled: boolean;
  /** How long to wait for Omise.js to load, and for a token. */
  timeoutMs: number;
  /** A stylesheet of `@font-face` rules; the frame loads it only from an origin its server allows. */
  fontStylesheet?: string;
}

/** What the host may keep of a tokenized card. */
export interface CardSummary {
  brand: string;
  lastDigits: string;
  expirationMonth: number;
  expirationYear: number;
}

/** Why a card could not be tokenized; `fields` are the ones Omise refused. */
export type TokenFailureCode = 'invalid_card' | 'token_failed' | 'token_timeout' | 'omise_js_unavailable';

export type TokenResult =
  | { ok: true; token: string; card: CardSummary }
  | { ok: false; code: TokenFailureCode; fields?: CardField[] };

export interface Hello {
  protocol: typeof PROTOCOL;
  v: typeof VERSION;
  type: 'hello';
  channel: string;
}

export interface Connect {
  protocol: typeof PROTOCOL;
  v: typeof VERSION;
  type: 'connect';
  channel: string;
}

export type HostMessage =
  | { type: 'configure'; settings: FrameSettings }
  /** Start loading Omise.js: the shopper is in the form. */
  | { type: 'warm' }
  /** Show every card field's message; answered by `checked`. */
  | { type: 'check'; id: number }
  /** Tokenize what the fields hold (a token already made for the same details is reused); answered by `tokenized`. */
  | { type: 'tokenize'; id: number }
  /** The proxy refused this token: never hand it out again. */
  | { type: 'spent'; token: string }
  /** Omise or the proxy refused these fields: say so at each until it is edited. */
  | { type: 'refuse'; fields: CardField[] }
  | { type: 'focus'; field: CardField };

export type FrameMessage =
  /** Configured and rendered: the fields take input. */
  | { type: 'ready' }
  /** The content's height in CSS pixels; the host sizes the iframe to it. */
  | { type: 'resize'; height: number }
  /** The fields that show a problem now. */
  | { type: 'state'; invalid: CardField[] }
  | { type: 'checked'; id: number; invalid: CardField[]; empty: boolean }
  | { type: 'tokenized'; id: number; result: TokenResult }
  /** Enter in a card field. */
  | { type: 'submit' };

/** A message as sent over the port. */
export type Envelope<M> = M & { v: typeof VERSION };

export const hello = (channel: string): Hello => ({ protocol: PROTOCOL, v: VERSION, type: 'hello', channel });
export const connect = (channel: string): Connect => ({ protocol: PROTOCOL, v: VERSION, type: 'connect', channel });

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const isText = (value: unknown, max = 300): value is string => typeof value === 'string' && value.length <= max;
const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isField = (value: unknown): value is CardField => CARD_FIELDS.includes(value as CardField);
const fieldList = (value: unknown): CardField[] | null =>
  Array.isArray(value) && value.length <= CARD_FIELDS.length && value.every(isField) ? value : null;

/** A handshake message of `type` on `channel`, or null. */
function handshake(data: unknown, type: 'hello' | 'connect', channel: string): boolean {
  return (
    isObject(data) && data.protocol === PROTOCOL && data.v === VERSION && data.type === type && data.channel === channel
  );
}

export const isHello = (data: unknown, channel: string): data is Hello => handshake(data, 'hello', channel);
export const isConnect = (data: unknown, channel: string): data is Connect => handshake(data, 'connect', channel);

function summary(value: unknown): CardSummary | null {
  if (!isObject(value)) return null;
  const { brand, lastDigits, expirationMonth, expirationYear } = value;
  return isText(brand, 40) &&
    typeof lastDigits === 'string' &&
    /^\d{4}$/.test(lastDigits) &&
    isId(expirationMonth) &&
    isId(expirationYear)
    ? { brand, lastDigits, expirationMonth, expirationYear }
    : null;
}

function tokenResult(value: unknown): TokenResult | null {
  if (!isObject(value)) return null;
  if (value.ok === true) {
    const card = summary(value.card);
    return typeof value.token === 'string' && /^tokn_\w{1,64}$/.test(value.token) && card
      ? { ok: true, token: value.token, card }
      : null;
  }
  const codes: TokenFailureCode[] = ['invalid_card', 'token_failed', 'token_timeout', 'omise_js_unavailable'];
  if (value.ok !== false || !codes.includes(value.code as TokenFailureCode)) return null;
  const fields = value.fields === undefined ? [] : fieldList(value.fields);
  if (!fields) return null;
  return { ok: false, code: value.code as TokenFailureCode, ...(fields.length ? { fields } : {}) };
}

/** What the host accepts from its frame; anything else is null and dropped. */
export function parseFrameMessage(data: unknown): FrameMessage | null {
  if (!isObject(data) || data.v !== VERSION) return null;
  switch (data.type) {
    case 'ready':
    case 'submit':
      return { type: data.type };
    case 'resize':
      return typeof data.height === 'number' && data.height >= 0 && data.height < 10_000
        ? { type: 'resize', height: data.height }
        : null;
    case 'state': {
      const invalid = fieldList(data.invalid);
      return invalid ? { type: 'state', invalid } : null;
    }
    case 'checked': {
      const invalid = fieldList(data.invalid);
      return isId(data.id) && invalid && typeof data.empty === 'boolean'
        ? { type: 'checked', id: data.id, invalid, empty: data.empty }
        : null;
    }
    case 'tokenized': {
      const result = tokenResult(data.result);
      return isId(data.id) && result ? { type: 'tokenized', id: data.id, result } : null;
    }
  }
  return null;
}

// Narrow grammars for theme values: enough for any colour, length or font stack a merchant sets,
// and nothing that can fetch (url(), image-set()) or end a declaration.
const COLOUR = /^(#[\da-f]{3,8}|[a-z]{3,30}|(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([\w\s.,%/+-]{1,80}\))$/i;
const LENGTH = /^\d{1,3}(\.\d{1,4})?(px|rem|em)$/;
const FONT = /^[\w\s,"'.-]{1,200}$/;
const GRAMMAR: Record<ThemeKey, RegExp> = {
  text: COLOUR,
  muted: COLOUR,
  field: COLOUR,
  border: COLOUR,
  error: COLOUR,
  primary: COLOUR,
  soft: COLOUR,
  radius: LENGTH,
  spacing: LENGTH,
  font: FONT,
  fontSize: LENGTH,
};

/** Keeps the theme values that fit their grammar; the frame's defaults stand in for the rest. */
export function parseTheme(value: unknown): ThemeTokens {
  const theme: ThemeTokens = { scheme: isObject(value) && value.scheme === 'dark' ? 'dark' : 'light' };
  if (!isObject(value)) return theme;
  for (const key of THEME_KEYS) {
    const token = value[key];
    if (typeof token === 'string' && GRAMMAR[key].test(token.trim())) {
      theme[key] = token.trim();
    }
  }
  return theme;
}

function settings(value: unknown): FrameSettings | null {
  if (!isObject(value) || !isObject(value.text)) return null;
  const { locale, card, disabled, timeoutMs, fontStylesheet } = value;
  const text = value.text;
  if (!CARD_TEXT_KEYS.every((key) => isText(text[key]))) return null;
  if (locale !== 'en' && locale !== 'th' && locale !== 'ja') return null;
  if (card !== 'required' && card !== 'optional') return null;
  if (typeof disabled !== 'boolean' || !isId(timeoutMs) || timeoutMs < 1) return null;
  if (fontStylesheet !== undefined && !isText(fontStylesheet, 2000)) return null;
  return {
    locale,
    text: Object.fromEntries(CARD_TEXT_KEYS.map((key) => [key, text[key]])) as CardText,
    theme: parseTheme(value.theme),
    card,
    disabled,
    timeoutMs,
    ...(fontStylesheet ? { fontStylesheet } : {}),
  };
}

/** What the frame accepts from its host; anything else is null and dropped. */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (!isObject(data) || data.v !== VERSION) return null;
  switch (data.type) {
    case 'configure': {
      const parsed = settings(data.settings);
      return parsed ? { type: 'configure', settings: parsed } : null;
    }
    case 'warm':
      return { type: 'warm' };
    case 'check':
    case 'tokenize':
      return isId(data.id) ? { type: data.type, id: data.id } : null;
    case 'spent':
      return isText(data.token, 80) ? { type: 'spent', token: data.token } : null;
    case 'refuse': {
      const fields = fieldList(data.fields);
      return fields ? { type: 'refuse', fields } : null;
    }
    case 'focus':
      return isField(data.field) ? { type: 'focus', field: data.field } : null;
  }
  return null;
}
