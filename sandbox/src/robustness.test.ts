import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox.ts';

let sandbox: Sandbox;
const auth = () => `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`;
const pauth = () => `Basic ${Buffer.from(`${sandbox.publicKey}:`).toString('base64')}`;

beforeEach(async () => {
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
});
afterEach(async () => {
  await sandbox.close();
});

async function customersTotal(): Promise<number> {
  const response = await fetch(`${sandbox.apiUrl}/customers`, { headers: { Authorization: auth() } });
  return ((await response.json()) as { total: number }).total;
}

describe('a request held by a latency fault', () => {
  it('never runs against the state a reset made meanwhile', async () => {
    await fetch(`${sandbox.apiUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'latency', ms: 300, path: '/customers', method: 'POST' }),
    });
    const held = fetch(`${sandbox.apiUrl}/customers`, {
      method: 'POST',
      headers: { Authorization: auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'from-test-a@example.com' }),
    }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    sandbox.reset();
    await held;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await customersTotal()).toBe(0);
  });
});

describe('lists', () => {
  it('order cards by creation time, not by when they were attached', async () => {
    const token = async (number: string) => {
      const response = await fetch(`${sandbox.vaultUrl}/tokens`, {
        method: 'POST',
        headers: { Authorization: pauth(), 'Content-Type': 'application/json' },
        body: JSON.stringify({
          card: { name: 'A', number, expiration_month: 12, expiration_year: 2031, security_code: '123' },
        }),
      });
      return ((await response.json()) as { id: string }).id;
    };
    const older = await token('4242424242424242');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const newer = await token('5555555555554444');
    const created = await fetch(`${sandbox.apiUrl}/customers`, {
      method: 'POST',
      headers: { Authorization: auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ card: newer }),
    });
    const { id } = (await created.json()) as { id: string };
    await fetch(`${sandbox.apiUrl}/customers/${id}`, {
      method: 'PATCH',
      headers: { Authorization: auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ card: older }),
    });
    const list = await fetch(`${sandbox.apiUrl}/customers/${id}/cards?order=chronological`, {
      headers: { Authorization: auth() },
    });
    const cards = ((await list.json()) as { data: { last_digits: string }[] }).data.map((c) => c.last_digits);
    expect(cards).toEqual(['4242', '4444']);
  });
});

describe('hostile bodies', () => {
  it('refuses deep nesting with bad_request, in JSON and in bracket keys', async () => {
    const deep = `{"metadata":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const asJson = await fetch(`${sandbox.apiUrl}/customers`, {
      method: 'POST',
      headers: { Authorization: auth(), 'Content-Type': 'application/json' },
      body: deep,
    });
    expect(asJson.status).toBe(400);
    expect(await asJson.json()).toMatchObject({ code: 'bad_request', message: 'request body is nested too deeply' });
    const asForm = await fetch(`${sandbox.apiUrl}/customers`, {
      method: 'POST',
      headers: { Authorization: auth(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `metadata${'[a]'.repeat(100)}=1`,
    });
    expect(asForm.status).toBe(400);
  });

  it('logs a large body by its size only', async () => {
    const body = JSON.stringify({ description: 'x'.repeat(100_000) });
    await fetch(`${sandbox.apiUrl}/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const log = await fetch(`${sandbox.apiUrl}/__sandbox/requests?path=/customers`);
    const [entry] = ((await log.json()) as { data: { body: unknown }[] }).data;
    expect(entry?.body).toEqual({ truncated: true, bytes: Buffer.byteLength(body) });
  });
});
