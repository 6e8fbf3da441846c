import { bare, DOCS_EXAMPLES } from '../../shared/src/test-support/docs-examples.ts';
import { expect, test } from '../fixtures/test.ts';

// Omise answering exactly as its documentation shows (the sandbox's `reply` fault), through the
// real proxy, to the widget in the browser: every documented API version renders its customer.
// Each optional key missing in turn is covered below the browser (server/src/docs-answers.test.ts,
// web/src/docs-examples.test.tsx); here the full answer and the barest one.
for (const { version, answer } of DOCS_EXAMPLES) {
  test(`Omise's documented ${version} customer renders, and so does one with nothing but its id`, async ({
    host,
    sandbox,
  }) => {
    const [signup] = await host.open('element', { card: 'none' });
    if (!signup) throw new Error('no widget on the page');

    await sandbox.inject({ kind: 'reply', method: 'POST', path: '/customers', body: answer });
    await signup.fill({ email: 'somchai.prasert@example.com' });
    await signup.submit();
    const result = await signup.result();
    expect(result).toMatchObject({
      'Customer ID': answer.id,
      Email: 'somchai.prasert@example.com',
      Description: 'Somchai Prasert',
      Card: 'Visa ending in 4242',
      Expires: expect.stringMatching(/^\d{2}\/20\d{2}$/),
    });
    expect(result.Created).toMatch(/20\d{2}/);

    await signup.startAgain();
    await sandbox.inject({ kind: 'reply', method: 'POST', path: '/customers', body: bare(answer) });
    await signup.fill({ email: 'bare@example.com' });
    await signup.submit();
    expect(await signup.result()).toEqual({
      'Customer ID': answer.id,
      Email: 'None',
      Description: 'None',
      Card: 'None',
    });
  });
}
