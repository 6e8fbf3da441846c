import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CardIsolation } from '@omise-signup/testing';
import { CARDS } from '../fixtures/cards.ts';
import { useWebKit } from './harness.ts';

describe('WebKit: checks in the browser', () => {
  const webkit = useWebKit();

  /** A form with a problem in every field but the name, fixed one field at a time. */
  async function checksEachField(isolation: CardIsolation) {
    const signup = await webkit.openDemo({ isolation });
    await signup.fill({
      email: 'somchai@',
      card: { name: 'Somchai Prasert', number: '4242424242424241', expiry: '01/20', securityCode: '12' },
    });
    await signup.submit();

    await signup.statusIs('Check the highlighted fields.');
    assert.equal(await signup.errorFor('Email'), 'Enter an email address like name@example.com.');
    assert.equal(await signup.errorFor('Card number'), 'This card number has a typo.');
    assert.equal(await signup.errorFor('Expiry (MM/YY)'), 'This card has expired.');
    assert.equal(await signup.errorFor('Security code'), 'Enter the 3-digit security code.');
    assert.equal(await signup.errorFor('Name on card'), null);
    for (const label of ['Email', 'Card number', 'Expiry (MM/YY)', 'Security code']) {
      assert.equal(await signup.invalid(label), true, `${label} is marked invalid`);
    }
    await signup.focusIs({ field: 'Email' });
    assert.deepEqual(await webkit.sandbox.tokenRequests(), []);
    // Nothing that creates: the proxy's warm-up (GET /customers?limit=1) may have reached Omise.
    const calls = await webkit.sandbox.requests({ target: 'api' });
    assert.deepEqual(
      calls.filter((call) => call.method !== 'GET'),
      [],
    );

    // Fixed one by one; the first field still at fault takes focus on the next submit.
    await signup.fill({ email: 'somchai@example.com', card: { number: CARDS.visa.number, expiry: CARDS.visa.expiry } });
    await signup.submit();
    await signup.focusIs({ field: 'Security code' });
    assert.equal(await signup.errorFor('Email'), null);
    assert.deepEqual(await webkit.sandbox.tokenRequests(), []);

    await signup.type('Security code', '123');
    await signup.submit();
    assert.equal((await signup.result()).Email, 'somchai@example.com');
    assert.equal((await webkit.sandbox.tokenRequests()).length, 1);
  }

  test('shows each problem at its field in the card frame, focuses the first, and sends nothing', () =>
    checksEachField('frame'));
  test('shows each problem at its field inline, focuses the first, and sends nothing', () => checksEachField('inline'));

  test('asks for every required field of an empty form', async () => {
    const signup = await webkit.openDemo();
    await signup.submit();
    await signup.errorIs('Email', 'Enter your email address.');
    assert.equal(await signup.errorFor('Name on card'), 'Enter the name on the card.');
    assert.equal(await signup.errorFor('Card number'), 'Enter the card number.');
    assert.equal(await signup.errorFor('Expiry (MM/YY)'), 'Enter the expiry date.');
    assert.equal(await signup.errorFor('Security code'), 'Enter the security code.');
    assert.equal(await signup.errorFor('Description'), null);
    await signup.focusIs({ field: 'Email' });
  });
});
