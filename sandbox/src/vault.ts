import type { Router } from 'express';
import { type Handled, handle } from './listener.ts';
import { notFound, OmiseApiError } from './omise-error.ts';
import { OMISE_JS_PATH, omiseJsSource } from './omise-js.ts';
import { allowOnly, object } from './params.ts';
import { renderToken, type View } from './shapes.ts';
import type { TokenRecord } from './store.ts';
import { tokenizeCard } from './tokenize.ts';

const view = (context: Handled): View => ({
  version: context.version,
  now: context.state.now(),
  vaultUrl: context.state.vaultUrl,
});

function createToken(context: Handled) {
  const params = { ...context.query, ...context.body };
  allowOnly(params, ['card']);
  const card = object(params, 'card', 'card must be an object of card[...] parameters');
  if (!card) throw new OmiseApiError(400, 'missing_card', 'request contains no card parameters');
  const { state } = context;
  const now = state.now();
  // The card is made first: Omise's card ids predate their token's (tokens-create.json).
  const tokenized = tokenizeCard(card, { now, newId: state.newId });
  const token: TokenRecord = { id: state.newId('tokn'), createdAt: now, used: false, card: tokenized };
  state.store.tokens.set(token.id, token);
  return { status: 200, json: renderToken(token, view(context)) };
}

/** The vault listener's routes: tokens (public key) and the Omise.js stand-in (no key). */
export function vaultRoutes(router: Router): void {
  router.post('/tokens', handle(createToken));
  router.get(
    '/tokens/:id',
    handle((context) => {
      const id = context.params.id ?? '';
      const token = context.state.store.tokens.get(id);
      if (!token) throw notFound('token', id);
      allowOnly({ ...context.query, ...context.body }, []);
      return { status: 200, json: renderToken(token, view(context)) };
    }),
  );
  router.get(
    OMISE_JS_PATH,
    handle((context) => ({
      status: 200,
      text: omiseJsSource(context.state.vaultUrl),
      contentType: 'application/javascript; charset=utf-8',
      headers: { 'Cache-Control': 'public, max-age=300', 'Cross-Origin-Resource-Policy': 'cross-origin' },
    })),
  );
}
