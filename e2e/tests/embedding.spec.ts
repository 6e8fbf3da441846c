import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

const LABELS = ['Email', 'Description', 'Name on card', 'Card number', 'Expiry (MM/YY)', 'Security code'];

test.describe('on a merchant page of another origin', () => {
  test('works under global CSS that resets and hides everything', async ({ host, page, sandbox, proxyTraffic }) => {
    const [signup] = await host.open('hostile');
    if (!signup) throw new Error('no widget on the page');
    // The hostile sheet is live on the page itself…
    await expect(page.getByRole('heading', { level: 1 })).toHaveCSS('display', 'inline');
    // …and does not reach into the widget.
    for (const label of LABELS) await expect(signup.field(label)).toBeVisible();
    await expect(signup.submitButton).toBeVisible();
    const box = await signup.field('Card number').boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(40);

    await signup.fill({ email: 'hostile@example.com', card: CARDS.visa });
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/customers') && r.request().method() === 'POST');
    await signup.submit();
    await expect(signup.root.getByRole('definition').filter({ hasText: 'Visa ending in 4242' })).toBeVisible();
    expect((await sandbox.customers()).map((c) => c.email)).toEqual(['hostile@example.com']);
    // Cross-origin, through the proxy's CORS allowlist.
    expect(proxyTraffic.creates()).toHaveLength(1);
    expect((await answered).headers()['access-control-allow-origin']).toBe(new URL(page.url()).origin);
  });

  test('two widgets on one page keep to themselves', async ({ host, sandbox }) => {
    const [first, second] = await host.open('element', { widgets: 2 });
    if (!first || !second) throw new Error('expected two widgets');
    await first.fill({ email: 'first@example.com', card: CARDS.visa });
    await second.fill({ email: 'second@', card: CARDS.mastercard });

    await second.submit();
    await expect(await second.errorFor('Email')).toHaveText('Enter an email address like name@example.com.');
    await expect(await first.errorFor('Email')).toHaveCount(0);
    await expect(first.status).toHaveText('');

    await first.submit();
    expect((await first.result()).Email).toBe('first@example.com');
    // The second form still holds what was typed into it, and its own error.
    await expect(second.field('Email')).toHaveValue('second@');
    await expect(second.field('Card number')).toHaveValue('5555 5555 5555 4444');
    await expect(second.resultHeading).toHaveCount(0);

    await second.fill({ email: 'second@example.com' });
    await second.submit();
    expect((await second.result()).Card).toBe('MasterCard ending in 4444');
    expect((await first.result()).Card).toBe('Visa ending in 4242');
    const customers = await sandbox.customers();
    expect(customers.map((c) => [c.email, c.cards.data[0]?.brand])).toEqual([
      ['second@example.com', 'MasterCard'],
      ['first@example.com', 'Visa'],
    ]);
  });

  test('the ESM build mounts, unmounts and mounts again', async ({ host, page, sandbox }) => {
    await host.openEsm();
    const signup = host.signup('Signup 1');
    await expect(signup.email).toHaveCount(0);

    await page.getByRole('button', { name: 'Show signup' }).click();
    // mount() was given a preset description, so there is no Description field.
    await expect(signup.field('Description')).toHaveCount(0);
    await signup.fill({ email: 'esm@example.com', card: CARDS.jcb });
    await signup.submit();
    expect(await signup.result()).toMatchObject({ Description: 'Mounted by hand', Card: 'JCB ending in 0000' });
    const [customer] = await sandbox.customers();
    expect(customer).toMatchObject({ email: 'esm@example.com', description: 'Mounted by hand' });
    // onSuccess was called with the customer.
    expect(await host.events()).toEqual([
      { type: 'omise-signup:success', widget: 'mounted', detail: expect.objectContaining({ id: customer?.id }) },
    ]);

    await page.getByRole('button', { name: 'Hide signup' }).click();
    await expect(signup.resultHeading).toHaveCount(0);
    await expect(signup.email).toHaveCount(0);

    await page.getByRole('button', { name: 'Show signup' }).click();
    await expect(signup.email).toHaveValue('');
    await expect(signup.submitButton).toBeEnabled();
    expect(await sandbox.customers()).toHaveLength(1);
  });

  test('works under a strict Content-Security-Policy and causes no violation', async ({
    host,
    page,
    sandbox,
    saveScreenshot,
    pageErrors,
  }) => {
    const [signup] = await host.open('csp');
    if (!signup) throw new Error('no widget on the page');
    await signup.fill({ email: 'csp@example.com', description: 'Strict page', card: CARDS.visa });
    await signup.submit();
    expect((await signup.result()).Description).toBe('Strict page');
    expect((await sandbox.customers()).map((c) => c.email)).toEqual(['csp@example.com']);
    expect(await host.violations()).toEqual([]);

    // The page does enforce its policy: an inline style is refused and recorded.
    pageErrors.allow(/blocked an inline style \(style-src-attr\)/);
    await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await expect.poll(() => host.violations()).toEqual([expect.objectContaining({ directive: 'style-src-attr' })]);
    // Last: in Firefox, Playwright's screenshot adds a <style> of its own, which this page refuses.
    await saveScreenshot('csp-result', page.getByRole('region', { name: 'Signup 1' }));
  });

  test('loads Thai under the strict CSP, with the keys given as attributes', async ({ host, sandbox }) => {
    const [signup] = await host.open('csp', { locale: 'th', keys: true });
    if (!signup) throw new Error('no widget on the page');
    await expect(signup.field('หมายเลขบัตร')).toBeVisible();
    await signup.fill({ email: 'csp-th@example.com', card: CARDS.visa });
    await signup.submit();
    await expect(signup.resultHeading).toHaveText('บัญชีของคุณพร้อมแล้ว');
    expect((await sandbox.customers()).map((c) => c.email)).toEqual(['csp-th@example.com']);
    expect(await host.violations()).toEqual([]);
  });
});
