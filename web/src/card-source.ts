import type { CardFieldsHandle } from './CardFields.tsx';
import type { CardField, CardSummary } from './frame/protocol.ts';
import { createToken, loadOmise, TokenizeError } from './tokenizer.ts';

export interface CardCheck {
  /** The card fields at fault, in form order. */
  invalid: CardField[];
  /** True when every card field is empty. */
  empty: boolean;
}

export interface CardToken {
  token: string;
  card: CardSummary;
}

/**
 * The card part of the form, wherever its fields live: inline (this document) or in the card
 * frame (another origin, over the frame protocol). The form never sees a card value through it.
 */
export interface CardSource {
  /** Shows every card field's message and says which are at fault. */
  check(): Promise<CardCheck>;
  /**
   * A token for the card the fields hold: the one made before for the same details when it is not
   * spent, so a retry sends the same body; rejects with a `TokenizeError`.
   */
  tokenize(): Promise<CardToken>;
  /** The proxy used or refused this token: it is never handed out again. */
  spent(token: string): void;
  /** Says at these fields that Omise or the proxy refused them, until they are edited. */
  refuse(fields: CardField[]): void;
  focus(field: CardField): void;
  /** Starts loading Omise.js: the shopper is in the form. */
  warm(): void;
}

export interface OmiseKeys {
  publicKey: string;
  omiseJsUrl: string;
}

/** Enough to cover a shopper going back and forth; old tokens drop off first. */
const MAX_TOKENS = 20;

/**
 * A card source over card fields in this document, tokenizing with Omise.js here. The widget uses
 * it for inline fields; the card frame uses it behind the protocol.
 */
export function createLocalCard(options: {
  fields: () => CardFieldsHandle | null;
  keys: () => Promise<OmiseKeys>;
  timeoutMs: () => number;
}): CardSource {
  // Keyed by the card's details; in memory only, like the details themselves.
  const tokens = new Map<string, CardToken>();
  return {
    check: async () => options.fields()?.check() ?? { invalid: [], empty: true },
    async tokenize() {
      const read = options.fields()?.read();
      // The form checked the fields just before; they changed since, so check again.
      if (!read?.card || !read.summary) throw new TokenizeError({ code: 'token_failed' });
      const keys = await options.keys();
      // A token belongs to the account of the key it was made with.
      const details = JSON.stringify([keys.publicKey, read.card]);
      const known = tokens.get(details);
      if (known) return known;
      const token = await createToken(read.card, { ...keys, timeoutMs: options.timeoutMs() });
      const made = { token, card: read.summary };
      tokens.set(details, made);
      if (tokens.size > MAX_TOKENS) tokens.delete(tokens.keys().next().value as string);
      return made;
    },
    spent(token) {
      for (const [details, made] of tokens) if (made.token === token) tokens.delete(details);
    },
    refuse: (fields) => options.fields()?.refuse(fields),
    focus: (field) => options.fields()?.focus(field),
    warm() {
      // A failure here is reported when the shopper submits; the loaders forget it for that.
      options
        .keys()
        .then((keys) => loadOmise(keys.omiseJsUrl, options.timeoutMs()))
        .catch(() => {});
    },
  };
}
