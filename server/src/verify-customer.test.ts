import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOmiseClient, type OmiseClient } from './omise-client.ts';
import { control, type Sandbox, startSandbox, tokenize } from './test-support/harness.ts';
import { verifyCustomer } from './verify-customer.ts';

let sandbox: Sandbox;
let omise: OmiseClient;

beforeAll(async () => {
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  omise = createOmiseClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.apiUrl });
});
afterAll(async () => {
  omise?.close();
  await sandbox?.close();
});

describe('verifyCustomer', () => {
  it('accepts a fresh customer carrying the expected metadata', async () => {
    const created = await omise.createCustomer({
      email: 'v@example.com',
      card: await tokenize(sandbox),
      metadata: { user_id: 'u-1' },
    });
    const result = await verifyCustomer(created.id, { omise, metadata: { user_id: 'u-1' } });
    expect(result).toMatchObject({ ok: true, customer: { id: created.id, email: 'v@example.com' } });
  });

  it('creates and closes its own client from a secret key', async () => {
    const created = await omise.createCustomer({ email: 'own@example.com' });
    const result = await verifyCustomer(created.id, {
      omise: { secretKey: sandbox.secretKey, apiUrl: sandbox.apiUrl },
    });
    expect(result.ok).toBe(true);
  });

  it('refuses a malformed or unknown id', async () => {
    expect(await verifyCustomer('robert"); drop table', { omise })).toMatchObject({ ok: false, reason: 'invalid_id' });
    expect(await verifyCustomer(undefined, { omise })).toMatchObject({ ok: false, reason: 'invalid_id' });
    expect(await verifyCustomer('cust_test_0000000000000000000', { omise })).toEqual({
      ok: false,
      reason: 'not_found',
      message: 'Omise has no customer cust_test_0000000000000000000.',
    });
  });

  it('refuses a customer deleted at Omise', async () => {
    const created = await omise.createCustomer({ email: 'gone@example.com' });
    const auth = `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`;
    await fetch(`${sandbox.apiUrl}/customers/${created.id}`, { method: 'DELETE', headers: { Authorization: auth } });
    // The sandbox, like a deleted record anywhere, no longer finds it.
    expect(await verifyCustomer(created.id, { omise })).toMatchObject({ ok: false, reason: 'not_found' });
    // Omise may instead answer with the object marked deleted; that is refused too.
    const deletedCopy = { ...created, deleted: true };
    const answersDeleted = { ...omise, retrieveCustomer: async () => deletedCopy };
    expect(await verifyCustomer(created.id, { omise: answersDeleted })).toEqual({
      ok: false,
      reason: 'deleted',
      message: `Customer ${created.id} was deleted.`,
    });
  });

  it('refuses a customer older than maxAgeSeconds', async () => {
    const created = await omise.createCustomer({ email: 'old@example.com' });
    const later = () => new Date(Date.parse(String(created.created_at)) + 601_000);
    expect(await verifyCustomer(created.id, { omise, maxAgeSeconds: 600, now: later })).toMatchObject({
      ok: false,
      reason: 'too_old',
    });
    expect(await verifyCustomer(created.id, { omise, maxAgeSeconds: 700, now: later })).toMatchObject({ ok: true });
  });

  it('refuses a customer whose metadata does not match', async () => {
    const created = await omise.createCustomer({ email: 'meta@example.com', metadata: { user_id: 'u-1' } });
    expect(await verifyCustomer(created.id, { omise, metadata: { user_id: 'u-2' } })).toMatchObject({
      ok: false,
      reason: 'metadata_mismatch',
      message: `Customer ${created.id} does not carry the expected user_id.`,
    });
  });

  it('accepts a customer with nothing but what it checks, as Omise may answer it', async () => {
    const id = 'cust_test_5086xleuh9ft4bn0ac2';
    // A minute ago, written in Bangkok time.
    const created = new Date(Date.now() - 60_000 + 7 * 3_600_000).toISOString().replace(/\.\d+Z$/, '+07:00');
    // Omise answers the retrieve in a legacy shape: `created` with an offset, no cards, no metadata.
    await control(sandbox, 'faults', {
      body: { kind: 'reply', method: 'GET', path: `/customers/${id}`, body: { object: 'customer', id, created } },
    });
    expect(await verifyCustomer(id, { omise })).toEqual({
      ok: true,
      customer: { object: 'customer', id, created_at: expect.stringMatching(/Z$/), deleted: false, metadata: {} },
    });
  });

  it('refuses a customer that shows no creation time, or carries no metadata when some is expected', async () => {
    const id = 'cust_test_5086xleuh9ft4bn0ac2';
    const answers = (customer: Record<string, unknown>) => ({
      ...omise,
      retrieveCustomer: async () => ({ object: 'customer' as const, id, ...customer }),
    });
    expect(await verifyCustomer(id, { omise: answers({ created_at: null }) })).toEqual({
      ok: false,
      reason: 'too_old',
      message: `Customer ${id} shows no creation time, so its age is unknown.`,
    });
    const fresh = { created_at: new Date().toISOString() };
    expect(await verifyCustomer(id, { omise: answers(fresh), metadata: { user_id: 'u-1' } })).toMatchObject({
      ok: false,
      reason: 'metadata_mismatch',
    });
  });
});
