import type { CreateCustomerBody, PostResult } from './api.ts';
import type { Failure } from './errors.ts';
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
  tokenize(card: OmiseCard): Promise<string>;
  post(body: CreateCustomerBody, idempotencyKey: string): Promise<PostResult>;
  newKey(): string;
  onState(state: SignupState): void;
}

/**
 * One logical signup: the data it was for, the token made for that data, and the
 * Idempotency-Key the proxy saw with that body.
 */
interface Attempt {
  fingerprint: string;
  token?: string;
  key?: string;
}

// The proxy refused the token itself: it is spent or unknown, so a retry must make a new one,
// which changes the body and so needs a new key.
const TOKEN_SPENT = new Set(['used_token', 'not_found', 'invalid_card']);

/**
 * Runs signups one at a time and decides when to reuse the Idempotency-Key.
 *
 * The rule: the key belongs to one request body. A retry with unchanged form data resends the
 * same body (same token) with the same key, so after a network failure, a timeout or a 5xx the
 * proxy replays or completes the first request instead of creating a second customer. Changed
 * data, or a token the proxy refused, means a new body and so a new key.
 */
export function createSignupFlow() {
  let attempt: Attempt | null = null;
  let busy = false;

  async function run(input: SignupInput, deps: FlowDeps): Promise<SignupState> {
    const fingerprint = JSON.stringify(input);
    if (attempt?.fingerprint !== fingerprint) attempt = { fingerprint };
    const current = attempt;

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
      attempt = null;
      return { status: 'created', customer: result.customer };
    }
    const { code } = result.failure;
    if (TOKEN_SPENT.has(code)) {
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
    /** Forgets the last attempt, e.g. after "Start again". */
    reset() {
      attempt = null;
    },
  };
}

export type SignupFlow = ReturnType<typeof createSignupFlow>;
