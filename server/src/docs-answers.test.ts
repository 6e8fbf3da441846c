import { normaliseCustomer, readCustomer } from '@omise-signup/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bare, DOCS_EXAMPLES, withEachOptionalKeyGone } from '../../shared/src/test-support/docs-examples.ts';
import {
  configFor,
  control,
  everySandboxCustomer,
  type Sandbox,
  startProxy,
  startSandbox,
  type TestProxy,
} from './test-support/harness.ts';

// Omise answering exactly as its documentation shows, through the real proxy: the sandbox's
// `reply` fault stands in for Omise and answers the documented customer, key for key.
let sandbox: Sandbox;
const proxies = new Map<string, TestProxy>();

beforeAll(async () => {
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  for (const { version } of DOCS_EXAMPLES) {
    proxies.set(version, await startProxy(configFor(sandbox, { OMISE_API_VERSION: version })));
  }
});
afterAll(async () => {
  await Promise.all([...proxies.values()].map((proxy) => proxy.server.close()));
  await sandbox?.close();
});
beforeEach(() => sandbox.reset());

/** What the widget receives: Omise's answer as the proxy reads and normalises it, as JSON on the wire. */
function expected(answer: Record<string, unknown>) {
  const read = readCustomer(answer);
  if (!('customer' in read)) throw new Error(`not a customer: ${read.shape.problem}`);
  return JSON.parse(JSON.stringify(normaliseCustomer(read.customer)));
}

async function createAnswered(proxy: TestProxy, answer: Record<string, unknown>) {
  await control(sandbox, 'faults', { body: { kind: 'reply', method: 'POST', path: '/customers', body: answer } });
  return proxy.post({ email: 'somchai.prasert@example.com' }, { 'Idempotency-Key': crypto.randomUUID() });
}

describe.each(DOCS_EXAMPLES)("Omise's documented $version answer to a create", ({ version, answer }) => {
  const proxy = () => proxies.get(version) as TestProxy;

  it('is a created customer, answered 201 in the 2019-05-29 shape', async () => {
    const response = await createAnswered(proxy(), answer);
    expect(response.status).toBe(201);
    expect(response.body).toEqual(expected(answer));
    expect(response.body).toMatchObject({ object: 'customer', id: answer.id, created_at: expect.stringMatching(/Z$/) });
    expect(response.body).not.toHaveProperty('created');
  });

  it('is still a created customer with any optional key missing or null', async () => {
    for (const variant of [
      ...withEachOptionalKeyGone(answer),
      { label: 'nothing but object and id', answer: bare(answer) },
    ]) {
      const response = await createAnswered(proxy(), variant.answer);
      expect({ label: variant.label, status: response.status }).toEqual({ label: variant.label, status: 201 });
      expect(response.body, variant.label).toEqual(expected(variant.answer));
    }
    // Every answer was the fault's: nothing reached the sandbox's own create.
    expect(await everySandboxCustomer(sandbox)).toEqual([]);
  }, 60_000);
});

describe('a 2xx that is not a created customer', () => {
  it.each([
    ['without an id', { object: 'customer', email: 'somchai.prasert@example.com' }, 'no customer id'],
    ['that is not a customer', { object: 'card', id: 'card_test_5086xl7amxfysl0ac5l' }, 'not a customer'],
  ])(
    '%s is an unknown outcome: logged by its shape, and the retry finds the customer',
    async (_name, body, problem) => {
      const proxy = proxies.get('2019-05-29') as TestProxy;
      const headers = { 'Idempotency-Key': crypto.randomUUID(), 'X-Request-Id': `shape-${crypto.randomUUID()}` };
      // Omise creates the customer, and the answer that comes back is not one we can read.
      await control(sandbox, 'faults', {
        body: { kind: 'reply', when: 'after', method: 'POST', path: '/customers', body },
      });
      const first = await proxy.post({ email: 'shape@example.com' }, headers);
      expect(first.status).toBe(502);
      expect(first.body).toMatchObject({
        code: 'upstream_unavailable',
        message: 'The payment service sent an answer we could not read. Try again.',
      });
      const logged = proxy.logs.filter((line) => line.includes(headers['X-Request-Id']));
      const line = logged.find((entry) => entry.includes('unexpected shape')) ?? '';
      expect(JSON.parse(line)).toMatchObject({ status: 200, problem, keys: Object.keys(body) });
      expect(logged.join('')).not.toContain('somchai.prasert@example.com');

      const retry = await proxy.post({ email: 'shape@example.com' }, headers);
      expect(retry.status).toBe(201);
      const created = await everySandboxCustomer(sandbox);
      expect(created.map((customer) => customer.id)).toEqual([retry.body.id]);
    },
  );
});
