import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

test.describe('checks in the browser', () => {
  test('shows each problem at its field and sends nothing to the vault or the proxy', async ({
    demo,
    sandbox,
    proxyTraffic,
  }) => {
    const signup = await demo.open();
    await signup.fill({
      email: 'somchai@',
      card: { name: 'Somchai Prasert', number: '4242424242424241', expiry: '01/20', securityCode: '12' },
    });
    // Straight from the invalid last field to the button: the first click must submit (it used to be lost
    // when the field's message appeared on blur and pushed the button down between mousedown and mouseup).
    await signup.submit();

    await expect(await signup.errorFor('Email')).toHaveText('Enter an email address like name@example.com.');
    await expect(await signup.errorFor('Card number')).toHaveText('This card number has a typo.');
    await expect(await signup.errorFor('Expiry (MM/YY)')).toHaveText('This card has expired.');
    await expect(await signup.errorFor('Security code')).toHaveText('Enter the 3-digit security code.');
    await expect(await signup.errorFor('Name on card')).toHaveCount(0);
    for (const label of ['Email', 'Card number', 'Expiry (MM/YY)', 'Security code']) {
      await expect(signup.field(label)).toHaveAttribute('aria-invalid', 'true');
    }
    await expect(signup.status).toHaveText('Check the highlighted fields.');
    await expect(signup.field('Email')).toBeFocused();

    expect(await sandbox.tokenRequests()).toEqual([]);
    // Nothing that creates: the proxy's warm-up (GET /customers?limit=1) may have reached Omise.
    expect((await sandbox.requests({ target: 'api' })).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(proxyTraffic.creates()).toEqual([]);

    // Fixing the fields one by one clears their messages; then the same log sees the signup.
    await signup.fill({ email: 'somchai@example.com', card: { number: CARDS.visa.number, expiry: CARDS.visa.expiry } });
    await expect(await signup.errorFor('Email')).toHaveCount(0);
    await expect(await signup.errorFor('Card number')).toHaveCount(0);
    await expect(await signup.errorFor('Security code')).toHaveText('Enter the 3-digit security code.');
    await signup.submit();
    await expect(signup.field('Security code')).toBeFocused();
    expect(await sandbox.tokenRequests()).toEqual([]);

    await signup.fill({ card: { securityCode: '123' } });
    await signup.submit();
    await signup.result();
    expect(await sandbox.tokenRequests()).toHaveLength(1);
    expect(await sandbox.createRequests()).toHaveLength(1);
    expect(proxyTraffic.creates()).toHaveLength(1);
  });

  test('submits on the first click made straight from an invalid field', async ({ demo, sandbox }) => {
    const signup = await demo.open();
    await signup.fill({ email: 'somchai@' });
    await signup.submit();
    await expect(signup.status).toHaveText('Check the highlighted fields.');
    await expect(await signup.errorFor('Email')).toHaveText('Enter an email address like name@example.com.');
    await expect(signup.field('Email')).toBeFocused();
    expect(await sandbox.tokenRequests()).toEqual([]);
  });

  test('asks for every required field of an empty form', async ({ demo, sandbox }) => {
    const signup = await demo.open();
    await signup.submit();
    await expect(await signup.errorFor('Email')).toHaveText('Enter your email address.');
    await expect(await signup.errorFor('Name on card')).toHaveText('Enter the name on the card.');
    await expect(await signup.errorFor('Card number')).toHaveText('Enter the card number.');
    await expect(await signup.errorFor('Expiry (MM/YY)')).toHaveText('Enter the expiry date.');
    await expect(await signup.errorFor('Security code')).toHaveText('Enter the security code.');
    await expect(await signup.errorFor('Description')).toHaveCount(0);
    expect(await sandbox.tokenRequests()).toEqual([]);
  });
});
