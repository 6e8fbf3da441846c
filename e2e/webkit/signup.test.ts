import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CardIsolation } from '@omise-signup/testing';
import { CARDS, EXPIRY } from '../fixtures/cards.ts';
import { useWebKit } from './harness.ts';

describe('WebKit: a shopper signs up on the demo page', () => {
  const webkit = useWebKit();

  /** The happy path: a Visa card, a customer, the result view with focus on its heading. */
  async function signsUp(isolation: CardIsolation) {
    const signup = await webkit.openDemo({ isolation });
    await signup.fill({ email: 'safari@example.com', description: 'Pro plan', card: CARDS.visa });
    assert.equal(await signup.value('Card number'), '4242 4242 4242 4242');
    await signup.submit();

    const result = await signup.result();
    const [customer, ...others] = await webkit.sandbox.customers();
    assert.deepEqual(others, []);
    assert.equal(result['Customer ID'], customer?.id);
    assert.deepEqual(
      { ...result, Created: undefined },
      {
        'Customer ID': customer?.id,
        Email: 'safari@example.com',
        Description: 'Pro plan',
        Card: 'Visa ending in 4242',
        Expires: `12/${EXPIRY.year}`,
        Created: undefined,
      },
    );
    assert.match(result.Created ?? '', /\d{4}/);
    assert.equal(customer?.cards.data[0]?.last_digits, '4242');
    await signup.focusIs({ heading: 'Your account is ready' });
    const name = isolation === 'frame' ? 'webkit-result' : 'webkit-result-inline';
    await webkit.screenshot(name, 'section[aria-labelledby="signup-title"]');
  }

  test('creates a customer with a Visa card typed in the card frame and shows it', () => signsUp('frame'));
  test('creates a customer with a Visa card typed inline and shows it', () => signsUp('inline'));

  test('shows a card the vault refuses at the card field and creates no customer', async () => {
    const signup = await webkit.openDemo();
    await signup.fill({ email: 'declined@example.com', card: CARDS.fraud });
    await signup.submit();

    await signup.statusIs('This card was declined. Try another card.');
    await signup.errorIs('Card number', 'Omise did not accept this. Check it on your card.');
    assert.equal(await signup.invalid('Card number'), true);
    await signup.focusIs({ field: 'Card number' });
    assert.deepEqual(
      (await webkit.sandbox.tokenRequests()).map((r) => r.status),
      [400],
    );
    assert.deepEqual(await webkit.sandbox.createRequests(), []);
    assert.deepEqual(await webkit.sandbox.customers(), []);

    await signup.type('Card number', CARDS.visa.number);
    await signup.submit();
    assert.equal((await signup.result()).Card, 'Visa ending in 4242');
    assert.deepEqual(
      (await webkit.sandbox.customers()).map((c) => c.email),
      ['declined@example.com'],
    );
  });
});
