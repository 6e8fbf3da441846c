import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

test('the card number never reaches the proxy: it gets a token and no card data', async ({
  demo,
  sandbox,
  proxyTraffic,
}) => {
  const signup = await demo.open();
  await signup.fill({ email: 'token-only@example.com', description: 'Basic plan', card: CARDS.visa });
  await signup.submit();
  await signup.result();

  // Everything the page sent to the proxy's origin: the page, its assets, the config, the create.
  expect(proxyTraffic.sent.length).toBeGreaterThan(2);
  const secrets = [CARDS.visa.number, '4242 4242 4242 4242', CARDS.visa.name, encodeURIComponent(CARDS.visa.name)];
  for (const request of proxyTraffic.sent) {
    const wire = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body ?? ''}`;
    for (const secret of secrets) expect(wire, `${request.method} ${request.url}`).not.toContain(secret);
  }

  const [create, ...more] = proxyTraffic.creates();
  expect(more).toEqual([]);
  expect(create?.json).toEqual({
    email: 'token-only@example.com',
    description: 'Basic plan',
    card: expect.stringMatching(/^tokn_test_\w+$/),
  });

  // The number went to the vault, and the proxy passed on only the token the vault made.
  const [tokenRequest] = await sandbox.tokenRequests();
  expect(tokenRequest?.body).toMatchObject({ card: { number: '************4242', name: CARDS.visa.name } });
  const [upstream] = await sandbox.createRequests();
  expect(upstream?.body).toMatchObject({ card: create?.json.card, email: 'token-only@example.com' });
});

test('a card number typed into Description stays in the browser', async ({ demo, sandbox, proxyTraffic }) => {
  const signup = await demo.open();
  await signup.fill({ email: 'desc@example.com', description: 'my card is 4242 4242 4242 4242', card: CARDS.visa });
  await signup.submit();
  await expect(await signup.errorFor('Description')).toHaveText(
    'Card numbers go in the card fields only. Remove it from here.',
  );
  await expect(signup.field('Description')).toBeFocused();
  expect(proxyTraffic.creates()).toEqual([]);
  expect(await sandbox.tokenRequests()).toEqual([]);
  for (const request of proxyTraffic.sent) expect(request.body ?? '').not.toContain('4242 4242');
});
