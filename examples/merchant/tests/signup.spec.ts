// The shop's own end-to-end test, written only with @omise-signup/testing: the sandbox for
// Omise, the `signup` page object for the widget, and the shop's own app as it runs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Sandbox, SignupForm, startSandbox, TEST_CARD, TEST_CARDS, test } from '@omise-signup/testing';
import { createMerchantApp, createMerchantCardFrame } from '../src/app.ts';

let sandbox: Sandbox;
let shop: ReturnType<typeof createMerchantApp>;
let server: Server;
let frame: Server;
let url: string;

const listen = async (target: Server) => {
  target.listen(0, '127.0.0.1');
  await new Promise((resolve) => target.once('listening', resolve));
  return (target.address() as AddressInfo).port;
};

test.beforeAll(async () => {
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  // The card frame on localhost, the shop on 127.0.0.1: two origins, as a card. subdomain would be.
  frame = createServer();
  const framePort = await listen(frame);
  shop = createMerchantApp({
    secretKey: sandbox.secretKey,
    publicKey: sandbox.publicKey,
    apiUrl: sandbox.apiUrl,
    vaultUrl: sandbox.vaultUrl,
    omiseJsUrl: sandbox.omiseJsUrl,
    cardFrameUrl: `http://localhost:${framePort}/`,
  });
  server = createServer(shop);
  url = `http://127.0.0.1:${await listen(server)}/`;
  frame.on(
    'request',
    createMerchantCardFrame({
      publicKey: sandbox.publicKey,
      omiseJsUrl: sandbox.omiseJsUrl,
      vaultUrl: sandbox.vaultUrl,
      shopOrigin: new URL(url).origin,
    }),
  );
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => frame?.close(resolve));
  await shop?.close();
  await sandbox?.close();
});

test.beforeEach(() => sandbox.reset());

async function fillShopFields(page: import('@playwright/test').Page) {
  await page.goto(url);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('correct horse battery');
}

test('a shopper joins with a card, and the shop trusts only the verified customer', async ({ page, signup }) => {
  await fillShopFields(page);
  await signup.fill({ email: 'alice@example.com', card: TEST_CARD });
  // The kit typed the card into the card frame: the shop's page never held it.
  expect(await signup.cardIsolation()).toBe('frame');
  await signup.submit();
  const result = await signup.result();
  expect(result['Customer ID']).toMatch(/^cust_test_/);
  expect(result.Card).toBe('Visa ending in 4242');

  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, alice' })).toBeVisible();
  await expect(page.getByText(result['Customer ID'] ?? '')).toBeVisible();
});

test('the shop form is not sent before the widget has created a customer', async ({ page, signup }) => {
  await fillShopFields(page);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(signup.email).toBeFocused();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('heading', { name: 'Join Baan Books' })).toBeVisible();
});

test('a card the vault refuses is explained in the widget, and nothing is created', async ({ page, signup }) => {
  await fillShopFields(page);
  await signup.fill({ email: 'fraud@example.com', card: TEST_CARDS.fraud });
  await signup.submit();
  await expect(await signup.errorFor('Card number')).not.toBeEmpty();
  expect(await signup.error()).toBe('This card was declined. Try another card.');
  await expect(signup.resultHeading).toHaveCount(0);
  const customers = await fetch(`${sandbox.apiUrl}/customers`, {
    headers: { Authorization: `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}` },
  });
  expect(((await customers.json()) as { total: number }).total).toBe(0);
});

test('a customer id the shopper did not create in this session is refused', async ({ page, browser }) => {
  // Someone else's customer, made in another session.
  const other = await browser.newPage();
  await other.goto(url);
  const theirs = new SignupForm(other.locator('omise-signup'));
  await theirs.fill({ email: 'bob@example.com', card: TEST_CARD });
  await theirs.submit();
  const stolen = (await theirs.result())['Customer ID'] ?? '';
  await other.close();

  await fillShopFields(page);
  const answer = await page.request.post(`${url}signup`, {
    form: { username: 'mallory', password: 'x'.repeat(12), omise_customer: stolen },
  });
  expect(answer.status()).toBe(400);
  expect(await answer.text()).toContain('does not carry the expected signup_session');
});
