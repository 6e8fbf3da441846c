import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

test.describe('the events the host page hears', () => {
  test('omise-signup:success carries the created customer', async ({ host, sandbox }) => {
    const [signup] = await host.open('element');
    if (!signup) throw new Error('no widget on the page');
    await signup.fill({ email: 'events@example.com', description: 'Listener', card: CARDS.visa });
    await signup.submit();
    await signup.result();

    const [customer] = await sandbox.customers();
    expect(await host.events()).toEqual([
      {
        type: 'omise-signup:success',
        widget: 'Signup 1',
        detail: expect.objectContaining({
          object: 'customer',
          id: customer?.id,
          email: 'events@example.com',
          description: 'Listener',
          default_card: customer?.default_card,
          created_at: customer?.created_at,
          cards: expect.objectContaining({
            data: [expect.objectContaining({ brand: 'Visa', last_digits: '4242', expiration_month: 12 })],
          }),
        }),
      },
    ]);
  });

  test('omise-signup:error carries each failure the shopper is shown, and checks in the browser send none', async ({
    host,
    page,
    sandbox,
  }) => {
    const [signup] = await host.open('element');
    if (!signup) throw new Error('no widget on the page');
    await signup.submit();
    await expect(signup.status).toHaveText('Check the highlighted fields.');
    expect(await host.events()).toEqual([]);

    await signup.fill({ email: 'events@example.com', card: CARDS.fraud });
    await signup.submit();
    await expect(signup.status).toHaveText('This card was declined. Try another card.');

    await sandbox.inject({ kind: 'status', status: 500, method: 'POST', path: '/customers' });
    await signup.fill({ card: { number: CARDS.visa.number } });
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/customers') && r.request().method() === 'POST');
    await signup.submit();
    const requestId = (await answered).headers()['x-request-id'];
    expect(requestId).toBeTruthy();
    await expect(signup.status).toHaveText('Our payment provider is not responding. Try again shortly.');

    await signup.retry();
    await signup.result();
    const [customer] = await sandbox.customers();
    expect(await host.events()).toEqual([
      {
        type: 'omise-signup:error',
        widget: 'Signup 1',
        detail: {
          code: 'invalid_card',
          message: 'This card was declined. Try another card.',
          retryable: false,
          fields: [{ field: 'number', message: 'Omise did not accept this. Check it on your card.' }],
        },
      },
      {
        type: 'omise-signup:error',
        widget: 'Signup 1',
        detail: {
          code: 'upstream_unavailable',
          message: 'Our payment provider is not responding. Try again shortly.',
          retryable: true,
          requestId,
        },
      },
      {
        type: 'omise-signup:success',
        widget: 'Signup 1',
        detail: expect.objectContaining({ id: customer?.id }),
      },
    ]);
  });
});
