import { describe, expect, it, vi } from 'vitest';
import type { CreateCustomerBody, PostResult } from './api.ts';
import type { Failure } from './errors.ts';
import { createSignupFlow, type FlowDeps, type SignupInput, type SignupState } from './flow.ts';
import type { SignupCustomer } from './response.ts';
import { TokenizeError } from './tokenizer.ts';

const CARD = {
  name: 'A B',
  number: '4242424242424242',
  expiration_month: 12,
  expiration_year: 2034,
  security_code: '123',
};
const INPUT: SignupInput = { email: 'a@example.com', description: 'Gold', card: CARD };
const CUSTOMER = { object: 'customer', id: 'cust_test_1' } as SignupCustomer;

const fail = (code: Failure['code']): PostResult => ({ ok: false, failure: { code } });

/** Deps whose post answers in turn with `answers`; tokens and keys are numbered. */
function harness(...answers: PostResult[]) {
  const states: SignupState['status'][] = [];
  let tokens = 0;
  let keys = 0;
  const deps = {
    tokenize: vi.fn(async () => `tokn_test_${++tokens}`),
    post: vi.fn(
      async (_body: CreateCustomerBody, _key: string): Promise<PostResult> =>
        answers.shift() ?? { ok: true, customer: CUSTOMER },
    ),
    newKey: vi.fn(() => `key-${++keys}`),
    onState: (state: SignupState) => states.push(state.status),
  } satisfies FlowDeps;
  const sent = () => deps.post.mock.calls.map(([body, key]) => ({ body, key }));
  return { deps, states, sent };
}

describe('signup flow', () => {
  it('goes editing → tokenizing → submitting → created, posting the token and omitting empty fields', async () => {
    const { deps, states, sent } = harness();
    const flow = createSignupFlow();
    expect(await flow.submit({ email: 'a@example.com', card: CARD }, deps)).toEqual({
      status: 'created',
      customer: CUSTOMER,
    });
    expect(states).toEqual(['tokenizing', 'submitting', 'created']);
    expect(deps.tokenize).toHaveBeenCalledWith(CARD);
    expect(sent()).toEqual([{ body: { email: 'a@example.com', card: 'tokn_test_1' }, key: 'key-1' }]);
  });

  it('skips tokenizing when there is no card', async () => {
    const { deps, states, sent } = harness();
    await createSignupFlow().submit({ email: 'a@example.com' }, deps);
    expect(states).toEqual(['submitting', 'created']);
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
      expect(deps.tokenize).toHaveBeenCalledTimes(1);
    },
  );

  it('uses a new token and a new key when the data changed', async () => {
    const { deps, sent } = harness(fail('network_error'));
    const flow = createSignupFlow();
    await flow.submit(INPUT, deps);
    await flow.submit({ ...INPUT, description: 'Silver' }, deps);
    expect(sent().map((s) => s.key)).toEqual(['key-1', 'key-2']);
    expect(sent().map((s) => s.body.card)).toEqual(['tokn_test_1', 'tokn_test_2']);
  });

  it('reuses the first key and token when the data is changed back to what was sent first', async () => {
    const { deps, sent } = harness(fail('network_error'), fail('network_error'));
    const flow = createSignupFlow();
    await flow.submit(INPUT, deps);
    await flow.submit({ ...INPUT, email: 'b@example.com' }, deps);
    await flow.submit(INPUT, deps);
    expect(sent().map((s) => [s.body.card, s.key])).toEqual([
      ['tokn_test_1', 'key-1'],
      ['tokn_test_2', 'key-2'],
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
    expect(states).toEqual(['tokenizing', 'failed']);
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
