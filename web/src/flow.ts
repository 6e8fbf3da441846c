import type { CreateCustomerBody, PostResult } from './api.ts';
import { type Failure, needsFreshToken } from './errors.ts';
import type { SignupCustomer } from './response.ts';
import { isTokenizeError } from './tokenizer.ts';

/**
 * The signup's life, as one tagged union:
 * editing → tokenizing → submitting → created | failed (and failed → tokenizing/submitting on retry).
 */
export type SignupState =
  | { status: 'editing' }
  | { status: 'tokenizing' }
  | { status: 'submitting' }
  | { status: 'created'; customer: SignupCustomer }
  | { status: 'failed'; failure: Failure };

/** The final states a submit ends in. */
export type SignupOutcome = Extract<SignupState, { status: 'created' | 'failed' }>;

/** What the shopper asked for, already checked: the card goes to Omise, the rest to the proxy. */
export interface SignupInput {
  email?: string;
  description?: string;
  /** True when the card fields hold a card to tokenize. */
  card?: boolean;
}

export interface FlowDeps {
  /** What the attempt is for (endpoint, key, frame): the same data elsewhere is another attempt. */
  scope?: string;
  /** A token for the card (the same one again for the same, unspent details); rejects with a TokenizeError. */
  tokenize(): Promise<string>;
  /** The proxy used or refused this token, so it must not be sent again. */
  spent(token: string): void;
  post(body: CreateCustomerBody, idempotencyKey: string): Promise<PostResult>;
  newKey(): string;
  /** The signup moved on to tokenizing or submitting; the final state is what `submit` resolves with. */
  onProgress(status: 'tokenizing' | 'submitting'): void;
}

/** Enough to cover a shopper going back and forth; old attempts drop off first. */
const MAX_ATTEMPTS = 20;

/**
 * Runs signups one at a time and decides when to reuse the Idempotency-Key.
 *
 * The rule: the key is a function of the body. Submitting the same data again (a retry after a
 * network failure, a timeout or a 5xx, or going back to data already sent) gets the same token
 * from the card source, so the body is the same and so is the key: the proxy replays or
 * completes the first request instead of creating a second customer. Different data is a
 * different body and gets its own key. A token the proxy refused (`used_token`, `not_found`,
 * `invalid_card`) is spent with its key: the next submit tokenizes again, so the body and key are
 * new. Keys live in memory only and are forgotten after a success.
 */
export function createSignupFlow() {
  // Keyed by the scope and the body (the token stands for the card); never stored outside this closure.
  const keys = new Map<string, string>();
  let busy = false;

  async function run(input: SignupInput, deps: FlowDeps): Promise<SignupOutcome> {
    const body: CreateCustomerBody = {};
    if (input.email) body.email = input.email;
    if (input.description) body.description = input.description;
    if (input.card) {
      deps.onProgress('tokenizing');
      try {
        body.card = await deps.tokenize();
      } catch (error) {
        return { status: 'failed', failure: isTokenizeError(error) ? error.failure : { code: 'token_failed' } };
      }
    }

    const attempt = JSON.stringify([deps.scope ?? '', body]);
    const key = keys.get(attempt) ?? deps.newKey();
    keys.delete(attempt);
    keys.set(attempt, key);
    if (keys.size > MAX_ATTEMPTS) keys.delete(keys.keys().next().value as string);

    deps.onProgress('submitting');
    const result = await deps.post(body, key);
    if (result.ok) {
      keys.clear();
      if (body.card) deps.spent(body.card);
      return { status: 'created', customer: result.customer };
    }
    const { code } = result.failure;
    // A spent or refused token: the retry makes a new one, which changes the body and so needs a new key.
    const spent = needsFreshToken(code);
    if (spent && body.card) deps.spent(body.card);
    if (spent || code === 'idempotency_conflict') keys.delete(attempt);
    return { status: 'failed', failure: result.failure };
  }

  return {
    /** True while a signup is tokenizing or submitting. */
    get busy() {
      return busy;
    },
    /**
     * Starts a signup and resolves with its final state, or null when one is already running
     * (a second click or Enter does nothing).
     */
    async submit(input: SignupInput, deps: FlowDeps): Promise<SignupOutcome | null> {
      if (busy) return null;
      busy = true;
      try {
        return await run(input, deps);
      } finally {
        busy = false;
      }
    },
    /** Forgets every key, e.g. after "Start again". */
    reset() {
      keys.clear();
    },
  };
}

export type SignupFlow = ReturnType<typeof createSignupFlow>;
