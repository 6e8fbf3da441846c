import { describe, expect, it, vi } from 'vitest';
import type { CreateCustomerBody, PostResult } from './api.ts';
import type { Failure } from './errors.ts';
import { createSignupFlow, type FlowDeps, type SignupInput } from './flow.ts';
import type { SignupCustomer } from './response.ts';
import { TokenizeError } from './tokenizer.ts';

const INPUT: SignupInput = { email: 'a@example.com', description: 'Gold', card: true };
const CUSTOMER = { object: 'customer', id: 'cust_test_1' } as SignupCustomer;

const fail = (code: Failure['code']): PostResult => ({ ok: false, failure: { code } });

/**
 * Deps whose post answers in turn with `answers`; keys are numbered. The card stands in for the
 * card fields: `card.details` is what they hold, and like the real card source it hands out the
 * token it made for the same details until that token is spent.
 */
function harness(...answers: PostResult[]) {
  const states: string[] = [];
  let tokens = 0;
  let keys = 0;
  const made = new Map<string, string>();
  const card = { details: 'visa 4242' };
  const deps = {
    tokenize: vi.fn(async () => {
      const token = made.get(card.details) ?? `tokn_test_${++tokens}`;
      made.set(card.details, token);
      return token;
    }),
    spent: vi.fn((token: string) => {
      for (const [details, known] of made) if (known === token) made.delete(details);
    }),
    post: vi.fn(
      async (_body: CreateCustomerBody, _key: string): Promise<PostResult> =>
        answers.shift() ?? { ok: true, customer: CUSTOMER },
    ),
    newKey: vi.fn(() => `key-${++keys}`),
    onProgress: (status: string) => states.push(status),
  } satisfies FlowDeps;
  const sent = () => deps.post.mock.calls.map(([body, key]) => ({ body, key }));
  return { deps, states, sent, card };
}

describe('signup flow', () => {
  it('goes editing → tokenizing → submitting → created, posting the token and omitting empty fields', async () => {
    const { deps, states, sent } = harness();
    const flow = createSignupFlow();
    expect(await flow.submit({ email: 'a@example.com', card: true }, deps)).toEqual({
      status: 'created',
      customer: CUSTOMER,
    });
    expect(states).toEqual(['tokenizing', 'submitting']);
    expect(deps.tokenize).toHaveBeenCalledTimes(1);
    expect(sent()).toEqual([{ body: { email: 'a@example.com', card: 'tokn_test_1' }, key: 'key-1' }]);
    // The token is on the customer now: spent.
    expect(deps.spent).toHaveBeenCalledWith('tokn_test_1');
  });

  it('skips tokenizing when there is no card', async () => {
    const { deps, states, sent } = harness();
    await createSignupFlow().submit({ email: 'a@example.com' }, deps);
    expect(states).toEqual(['submitting']);
    expect(deps.tokenize).not.toHaveBeenCalled();
    expect(sent()[0]?.body).toEqual({ email: 'a@example.com' });
  });

  it('runs one submission at a time: a second submit while busy sends nothing', async () => {
    const { deps, sent } = harness();
    const flow = createSignupFlow();
    const first = flow.submit(INPUT, deps);
    expect(flow.busy).toBe(true);
    expect(await flow.submit(INPUT, deps)).toBeNull();
    await first;
    expect(flow.busy).toBe(false);
    expect(sent()).toHaveLength(1);
    expect(deps.tokenize).toHaveBeenCalledTimes(1);
  });

  it.each(['network_error', 'upstream_timeout', 'internal_error', 'rate_limited', 'request_in_progress'] as const)(
    'retries after %s with the same body, token and Idempotency-Key',
    async (code) => {
      const { deps, sent } = harness(fail(code));
      const flow = createSignupFlow();
      expect(await flow.submit(INPUT, deps)).toEqual({ status: 'failed', failure: { code } });
      expect(await flow.submit(INPUT, deps)).toMatchObject({ status: 'created' });
      const [first, retry] = sent();
      expect(retry).toEqual(first);
      expect(retry?.key).toBe('key-1');
    },
  );

  it('uses a new key when the data changed, and a new token only when the card did', async () => {
    const { deps, sent, card } = harness(fail('network_error'), fail('network_error'));
    const flow = createSignupFlow();
    await flow.submit(INPUT, deps);
    await flow.submit({ ...INPUT, description: 'Silver' }, deps);
    card.details = 'mastercard 4444';
    await flow.submit({ ...INPUT, description: 'Silver' }, deps);
    expect(sent().map((s) => [s.body.card, s.key])).toEqual([
      ['tokn_test_1', 'key-1'],
      ['tokn_test_1', 'key-2'],
      ['tokn_test_2', 'key-3'],
    ]);
  });

  it('reuses the first key and token when the data is changed back to what was sent first', async () => {
    const { deps, sent, card } = harness(fail('network_error'), fail('network_error'), fail('network_error'));
    const flow = createSignupFlow();
    await flow.submit(INPUT, deps);
    await flow.submit({ ...INPUT, email: 'b@example.com' }, deps);
    card.details = 'mastercard 4444';
    await flow.submit(INPUT, deps);
    card.details = 'visa 4242';
    await flow.submit(INPUT, deps);
    expect(sent().map((s) => [s.body.card, s.key])).toEqual([
      ['tokn_test_1', 'key-1'],
      ['tokn_test_1', 'key-2'],
      ['tokn_test_2', 'key-3'],
      ['tokn_test_1', 'key-1'],
    ]);
  });

  it.each(['used_token', 'not_found', 'invalid_card'] as const)(
    'tokenizes again after %s, and so sends a new key',
    async (code) => {
      const { deps, sent } = harness(fail(code));
      const flow = createSignupFlow();
      await flow.submit(INPUT, deps);
      await flow.submit(INPUT, deps);
      expect(sent().map((s) => [s.body.card, s.key])).toEqual([
        ['tokn_test_1', 'key-1'],
        ['tokn_test_2', 'key-2'],
      ]);
    },
  );

  it('keeps the token but takes a new key after an idempotency conflict', async () => {
    const { deps, sent } = harness(fail('idempotency_conflict'));
    const flow = createSignupFlow();
    await flow.submit(INPUT, deps);
    await flow.submit(INPUT, deps);
    expect(sent().map((s) => [s.body.card, s.key])).toEqual([
      ['tokn_test_1', 'key-1'],
      ['tokn_test_1', 'key-2'],
    ]);
  });

  it('fails without posting when tokenizing fails, and tokenizes again on retry', async () => {
    const { deps, states, sent } = harness();
    deps.tokenize.mockRejectedValueOnce(new TokenizeError({ code: 'token_timeout' }));
    const flow = createSignupFlow();
    expect(await flow.submit(INPUT, deps)).toEqual({ status: 'failed', failure: { code: 'token_timeout' } });
    expect(states).toEqual(['tokenizing']);
    expect(sent()).toEqual([]);
    await flow.submit(INPUT, deps);
    expect(deps.tokenize).toHaveBeenCalledTimes(2);
    expect(sent()).toHaveLength(1);
  });

  it('forgets the attempt after a success and after reset', async () => {
    const { deps, sent } = harness(fail('network_error'));
    const flow = createSignupFlow();
    await flow.submit(INPUT, deps);
    flow.reset();
    await flow.submit(INPUT, deps);
    await flow.submit(INPUT, deps);
    expect(sent().map((s) => s.key)).toEqual(['key-1', 'key-2', 'key-3']);
  });
});
