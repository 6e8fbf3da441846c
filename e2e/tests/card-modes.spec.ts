import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

test.describe('card optional, card none, preset description', () => {
  test('card="optional" left empty: a customer without a card, and nothing sent to the vault', async ({
    host,
    sandbox,
    proxyTraffic,
  }) => {
    const [signup] = await host.open('element', { card: 'optional' });
    if (!signup) throw new Error('no widget on the page');
    await expect(signup.root.getByText('Optional: leave these empty to add a card later.')).toBeVisible();
    await signup.fill({ email: 'no-card@example.com' });
    await signup.submit();

    expect(await signup.result()).toMatchObject({ Email: 'no-card@example.com', Card: 'None' });
    expect(await sandbox.tokenRequests()).toEqual([]);
    expect(proxyTraffic.creates().map((r) => r.json)).toEqual([{ email: 'no-card@example.com' }]);
    const [customer] = await sandbox.customers();
    expect(customer).toMatchObject({ email: 'no-card@example.com', default_card: null });
    expect(customer?.cards.data).toEqual([]);
  });

  test('card="optional" half filled: asks for the rest, then attaches the card', async ({ host, sandbox }) => {
    const [signup] = await host.open('element', { card: 'optional' });
    if (!signup) throw new Error('no widget on the page');
    await signup.fill({ email: 'some-card@example.com', card: { name: 'Somchai Prasert' } });
    await signup.field('Name on card').press('Enter');
    await expect(await signup.errorFor('Card number')).toHaveText('Enter the card number.');
    expect(await sandbox.tokenRequests()).toEqual([]);

    await signup.fill({ card: CARDS.visa });
    await signup.submit();
    expect((await signup.result()).Card).toBe('Visa ending in 4242');
    const [customer] = await sandbox.customers();
    expect(customer?.cards.data.map((c) => c.last_digits)).toEqual(['4242']);
  });

  test('card="none": no card fields, no Omise.js, a customer without a card', async ({ host, sandbox }) => {
    const [signup] = await host.open('element', { card: 'none' });
    if (!signup) throw new Error('no widget on the page');
    await expect(signup.root.getByRole('group', { name: 'Card details' })).toHaveCount(0);
    await expect(signup.field('Card number')).toHaveCount(0);
    await signup.fill({ email: 'card-none@example.com', description: 'Newsletter only' });
    await signup.submit();

    expect(await signup.result()).toMatchObject({ Description: 'Newsletter only', Card: 'None' });
    expect(await sandbox.requests({ target: 'vault' })).toEqual([]);
    expect(await sandbox.customers()).toEqual([
      expect.objectContaining({ email: 'card-none@example.com', description: 'Newsletter only' }),
    ]);
  });

  test('a preset description hides the field and is what Omise stores', async ({ host, sandbox, proxyTraffic }) => {
    const [signup] = await host.open('element', { description: 'Gold plan' });
    if (!signup) throw new Error('no widget on the page');
    await expect(signup.field('Description')).toHaveCount(0);
    await signup.fill({ email: 'gold@example.com', card: CARDS.visa });
    await signup.submit();

    expect((await signup.result()).Description).toBe('Gold plan');
    expect(proxyTraffic.creates()[0]?.json).toMatchObject({ description: 'Gold plan' });
    expect(await sandbox.customers()).toEqual([
      expect.objectContaining({ email: 'gold@example.com', description: 'Gold plan' }),
    ]);
  });
});
