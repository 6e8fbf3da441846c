import { CARDS, EXPIRY } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

test.describe('a shopper signs up on the demo page', () => {
  test('creates a customer with a Visa card and shows it', async ({ demo, sandbox, page, saveScreenshot }) => {
    const signup = await demo.open();
    const panel = page.getByRole('region', { name: 'Create your account' });
    await saveScreenshot('form', panel);

    await signup.fill({ email: 'somchai@example.com', description: 'Pro plan', card: CARDS.visa });
    await signup.submit();

    const result = await signup.result();
    const [customer, ...others] = await sandbox.customers();
    expect(others).toEqual([]);
    expect(result).toEqual({
      'Customer ID': customer?.id,
      Email: 'somchai@example.com',
      Description: 'Pro plan',
      Card: 'Visa ending in 4242',
      Expires: `12/${EXPIRY.year}`,
      Created: expect.stringMatching(/\d{4}/),
    });
    expect(customer).toMatchObject({ email: 'somchai@example.com', description: 'Pro plan' });
    expect(customer?.cards.data).toEqual([
      expect.objectContaining({
        id: customer?.default_card,
        brand: 'Visa',
        last_digits: '4242',
        name: 'Somchai Prasert',
        expiration_month: EXPIRY.month,
        expiration_year: EXPIRY.year,
      }),
    ]);
    await expect(signup.resultHeading).toBeFocused();
    // The page heard omise-signup:success and greeted the shopper by email.
    await expect(demo.welcome).toHaveText(/We sent a confirmation to somchai@example\.com/);
    await saveScreenshot('result', panel);
  });

  const brands = [
    { card: CARDS.mastercard, typed: '5555 5555 5555 4444', badge: 'Mastercard', omise: 'MasterCard', last4: '4444' },
    { card: CARDS.jcb, typed: '3530 1113 3330 0000', badge: 'JCB', omise: 'JCB', last4: '0000' },
    {
      card: CARDS.amex,
      typed: '3782 822463 10005',
      badge: 'American Express',
      omise: 'American Express',
      last4: '0005',
    },
  ];
  for (const { card, typed, badge, omise, last4 } of brands) {
    test(`recognises ${badge} as typed and creates the customer with it`, async ({ demo, sandbox }) => {
      const signup = await demo.open();
      const email = `${badge.toLowerCase().replace(/\W/g, '')}@example.com`;
      await signup.fill({ email, card });

      const number = signup.field('Card number');
      await expect(number).toHaveValue(typed);
      await expect(number).toHaveAccessibleDescription(new RegExp(`Card type: ${badge}`));
      await expect(signup.field('Security code')).toHaveValue(card.securityCode);
      await signup.submit();

      expect((await signup.result()).Card).toBe(`${omise} ending in ${last4}`);
      const customers = await sandbox.customers();
      expect(customers.map((c) => [c.email, c.cards.data.map((d) => [d.brand, d.last_digits])])).toEqual([
        [email, [[omise, last4]]],
      ]);
      // The vault got the whole code: four digits for Amex, three for the rest (masked in its log).
      const [tokenRequest] = await sandbox.tokenRequests();
      expect(tokenRequest?.body).toMatchObject({ card: { security_code: '*'.repeat(card.securityCode.length) } });
    });
  }

  test('asks for four digits when an Amex card has a three-digit code', async ({ demo, sandbox }) => {
    const signup = await demo.open();
    await signup.fill({ email: 'amex@example.com', card: { ...CARDS.amex, securityCode: '123' } });
    await signup.submit();
    await expect(await signup.errorFor('Security code')).toHaveText('Enter the 4-digit security code.');
    expect(await sandbox.tokenRequests()).toEqual([]);
  });

  test('shows a card the vault refuses at the card field and creates no customer', async ({
    demo,
    sandbox,
    proxyTraffic,
    page,
    saveScreenshot,
  }) => {
    const signup = await demo.open();
    await signup.fill({ email: 'fraud@example.com', card: CARDS.fraud });
    await signup.submit();

    await expect(signup.status).toHaveText('This card was declined. Try another card.');
    await expect(await signup.errorFor('Card number')).toHaveText('Omise did not accept this. Check it on your card.');
    await expect(signup.field('Card number')).toHaveAttribute('aria-invalid', 'true');
    await expect(signup.field('Card number')).toBeFocused();
    // Declined is final: no "Try again", the shopper changes the card instead.
    await expect(signup.root.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await saveScreenshot('error', page.getByRole('region', { name: 'Create your account' }));

    const tokens = await sandbox.tokenRequests();
    expect(tokens.map((r) => r.status)).toEqual([400]);
    expect(await sandbox.createRequests()).toEqual([]);
    expect(await sandbox.customers()).toEqual([]);
    expect(proxyTraffic.creates()).toEqual([]);

    // Another card goes through.
    await signup.fill({ card: { number: CARDS.visa.number } });
    await expect(await signup.errorFor('Card number')).toHaveCount(0);
    await signup.submit();
    expect((await signup.result()).Card).toBe('Visa ending in 4242');
    expect((await sandbox.customers()).map((c) => c.email)).toEqual(['fraud@example.com']);
  });
});
