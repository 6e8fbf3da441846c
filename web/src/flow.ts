import type { CreateCustomerBody, PostResult } from './api.ts';
import { type Failure, needsFreshToken } from './errors.ts';
import type { SignupCustomer } from './response.ts';
import { isTokenizeError, type OmiseCard } from './tokenizer.ts';

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

/** What the shopper asked for, already checked: the card goes to Omise, the rest to the proxy. */
export interface SignupInput {
  email?: string;
  description?: string;
  card?: OmiseCard;
}

export interface FlowDeps {
  /** What the attempt is for (endpoint and key): the same data elsewhere is another attempt. */
  scope?: string;
  tokenize(card: OmiseCard): Promise<string>;
  post(body: CreateCustomerBody, idempotencyKey: string): Promise<PostResult>;
  newKey(): string;
  onState(state: SignupState): void;
}

/** One logical signup: the token made for its data, and the Idempotency-Key the proxy saw with that body. */
interface Attempt {
  token?: string;
  key?: string;
}

/** Enough to cover a shopper going back and forth; old attempts drop off first. */
const MAX_ATTEMPTS = 20;

/**
 * Runs signups one at a time and decides when to reuse the Idempotency-Key.
 *
 * The rule: the key is a function of the form data. Submitting the same data again (a retry
 * after a network failure, a timeout or a 5xx, or going back to data already sent) resends the
 * same body, same token, with the same key, so the proxy replays or completes the first request
 * instead of creating a second customer. Different data is a different body and gets its own
 * key. A token the proxy refused (`used_token`, `not_found`, `invalid_card`) is dropped with its
 * key: the next submit tokenizes again, so the body and key are new. Attempts live in memory
 * only and are forgotten after a success.
 */
export function createSignupFlow() {
  // Keyed by the submitted data (card details included); never stored outside this closure.
  const attempts = new Map<string, Attempt>();
  let busy = false;

  async function run(input: SignupInput, deps: FlowDeps): Promise<SignupState> {
    const fingerprint = JSON.stringify([deps.scope ?? '', input]);
    const current = attempts.get(fingerprint) ?? {};
    attempts.delete(fingerprint);
    attempts.set(fingerprint, current);
    if (attempts.size > MAX_ATTEMPTS) attempts.delete(attempts.keys().next().value as string);

    if (input.card && !current.token) {
      deps.onState({ status: 'tokenizing' });
      try {
        current.token = await deps.tokenize(input.card);
      } catch (error) {
        return { status: 'failed', failure: isTokenizeError(error) ? error.failure : { code: 'token_failed' } };
      }
    }

    const body: CreateCustomerBody = {};
    if (input.email) body.email = input.email;
    if (input.description) body.description = input.description;
    if (current.token) body.card = current.token;
    current.key ??= deps.newKey();

    deps.onState({ status: 'submitting' });
    const result = await deps.post(body, current.key);
    if (result.ok) {
      attempts.clear();
      return { status: 'created', customer: result.customer };
    }
    const { code } = result.failure;
    // A spent or refused token: the retry makes a new one, which changes the body and so needs a new key.
    if (needsFreshToken(code)) {
      delete current.token;
      delete current.key;
    } else if (code === 'idempotency_conflict') {
      delete current.key;
    }
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
    async submit(input: SignupInput, deps: FlowDeps): Promise<SignupState | null> {
      if (busy) return null;
      busy = true;
      try {
        const state = await run(input, deps);
        deps.onState(state);
        return state;
      } finally {
        busy = false;
      }
    },
    /** Forgets every attempt, e.g. after "Start again". */
    reset() {
      attempts.clear();
    },
  };
}

export type SignupFlow = ReturnType<typeof createSignupFlow>;
