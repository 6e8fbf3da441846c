import type { SignupForm } from '@omise-signup/testing';
import { CARDS } from '../fixtures/cards.ts';
import type { ProxyTraffic } from '../fixtures/proxy-traffic.ts';
import type { SandboxControl } from '../fixtures/sandbox-control.ts';
import { UPSTREAM_TIMEOUT_MS } from '../fixtures/stack.ts';
import { expect, test } from '../fixtures/test.ts';

const keySentUpstream = (request: { body: unknown }) =>
  (request.body as { metadata?: { idempotency_key?: string } } | null)?.metadata?.idempotency_key;

async function signUp(signup: SignupForm, email: string) {
  await signup.fill({ email, description: 'Pro plan', card: CARDS.visa });
  await signup.submit();
}

/** The browser's two creates (the failed one and the retry) carried one key and one body; returns the key. */
function expectSameRequestTwice(proxyTraffic: ProxyTraffic): string {
  const [first, second, ...more] = proxyTraffic.creates();
  expect(more).toEqual([]);
  const key = first?.headers['idempotency-key'] ?? '';
  expect(key).toMatch(/^[\x21-\x7e]{16,}$/);
  expect(second?.headers['idempotency-key']).toBe(key);
  // The same body, so the token made for the first try, not a second one.
  expect(second?.json).toEqual(first?.json);
  return key;
}

async function expectOneCustomer(sandbox: SandboxControl, email: string) {
  expect((await sandbox.customers()).map((c) => c.email)).toEqual([email]);
}

test.describe('trouble between the proxy and Omise', () => {
  test('Omise answers 500: the shopper is told, and "Try again" creates one customer under the same key', async ({
    demo,
    sandbox,
    proxyTraffic,
  }) => {
    await sandbox.inject({ kind: 'status', status: 500, method: 'POST', path: '/customers' });
    const signup = await demo.open();
    await signUp(signup, 'five-hundred@example.com');

    await expect(signup.status).toHaveText('Our payment provider is not responding. Try again shortly.');
    expect(await sandbox.customers()).toEqual([]);
    await signup.retry();

    expect((await signup.result()).Email).toBe('five-hundred@example.com');
    const key = expectSameRequestTwice(proxyTraffic);
    expect(await sandbox.tokenRequests()).toHaveLength(1);
    const upstream = await sandbox.createRequests();
    expect(upstream.map((r) => [r.status, keySentUpstream(r)])).toEqual([
      [500, key],
      [200, key],
    ]);
    await expectOneCustomer(sandbox, 'five-hundred@example.com');
  });

  test('Omise creates the customer but never answers: the proxy times out, and "Try again" finds that customer', async ({
    demo,
    sandbox,
    proxyTraffic,
  }) => {
    await sandbox.inject({ kind: 'hang', method: 'POST', path: '/customers', when: 'after' });
    const signup = await demo.open();
    const started = Date.now();
    await signUp(signup, 'timeout@example.com');

    await expect(signup.status).toHaveText('Our payment provider timed out. Try again.', {
      timeout: UPSTREAM_TIMEOUT_MS + 3000,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS);
    // The answer was lost, not the work: Omise already holds the customer.
    const [lost, ...none] = await sandbox.customers();
    expect(none).toEqual([]);
    await signup.retry();

    expect((await signup.result())['Customer ID']).toBe(lost?.id);
    const key = expectSameRequestTwice(proxyTraffic);
    expect(lost?.metadata).toEqual({ idempotency_key: key });
    // One create reached Omise; the retry looked the customer up instead of creating another.
    expect((await sandbox.createRequests()).map((r) => [r.status, keySentUpstream(r)])).toEqual([[null, key]]);
    // The lookup lists the newest customers (the warm-up's `limit=1` list is not it).
    const lookups = await sandbox.requests({ target: 'api', method: 'GET', path: '/customers' });
    expect(lookups.filter((r) => r.query.order === 'reverse_chronological')).not.toEqual([]);
    await expectOneCustomer(sandbox, 'timeout@example.com');
  });

  test('Omise says the token was used: the shopper is told, and "Try again" tokenizes afresh under a new key', async ({
    demo,
    sandbox,
    proxyTraffic,
  }) => {
    await sandbox.inject({
      kind: 'status',
      status: 400,
      code: 'used_token',
      message: 'token was already used',
      method: 'POST',
      path: '/customers',
    });
    const signup = await demo.open();
    await signUp(signup, 'used-token@example.com');

    await expect(signup.status).toHaveText('Your card details expired. Try again.');
    expect(await sandbox.customers()).toEqual([]);
    await signup.retry();

    expect((await signup.result()).Card).toBe('Visa ending in 4242');
    // A spent token cannot be sent again, so the body changes, and a new body needs a new key.
    const [first, second, ...more] = proxyTraffic.creates();
    expect(more).toEqual([]);
    expect(second?.json.card).not.toBe(first?.json.card);
    expect(second?.headers['idempotency-key']).not.toBe(first?.headers['idempotency-key']);
    expect(await sandbox.tokenRequests()).toHaveLength(2);
    expect((await sandbox.createRequests()).map((r) => [r.status, r.body?.card])).toEqual([
      [400, first?.json.card],
      [200, second?.json.card],
    ]);
    await expectOneCustomer(sandbox, 'used-token@example.com');
  });

  test('Omise rate-limits the proxy (429): the shopper is told, and "Try again" creates one customer under the same key', async ({
    demo,
    sandbox,
    proxyTraffic,
  }) => {
    await sandbox.inject({ kind: 'status', status: 429, method: 'POST', path: '/customers' });
    const signup = await demo.open();
    await signUp(signup, 'busy@example.com');

    // The proxy reports Omise's 429 as upstream_busy, with a message of its own.
    await expect(signup.status).toHaveText('Our payment provider is busy right now. Wait a moment, then try again.');
    expect(await sandbox.customers()).toEqual([]);
    await signup.retry();

    await signup.result();
    const key = expectSameRequestTwice(proxyTraffic);
    expect((await sandbox.createRequests()).map((r) => [r.status, keySentUpstream(r)])).toEqual([
      [429, key],
      [200, key],
    ]);
    await expectOneCustomer(sandbox, 'busy@example.com');
  });

  test("the proxy's own rate limit: a second signup for the same email is refused before it reaches Omise", async ({
    demo,
    sandbox,
    stack,
  }) => {
    // This proxy allows one create per email an hour.
    const signup = await demo.open({ baseUrl: stack.limitedProxy.url });
    await signUp(signup, 'limited@example.com');
    await signup.result();
    await signup.startAgain();

    await signUp(signup, 'limited@example.com');
    await expect(signup.status).toHaveText('Too many attempts. Wait a while, then try again.');
    expect(await sandbox.tokenRequests()).toHaveLength(2);
    expect(await sandbox.createRequests()).toHaveLength(1);
    await expectOneCustomer(sandbox, 'limited@example.com');

    // Another email is not held back.
    await signup.fill({ email: 'unlimited@example.com' });
    await signup.submit();
    expect((await signup.result()).Email).toBe('unlimited@example.com');
    expect((await sandbox.customers()).map((c) => c.email)).toEqual(['unlimited@example.com', 'limited@example.com']);
  });
});
