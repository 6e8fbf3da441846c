import { describe, expect, it } from 'vitest';
import { basic, type CallOptions, call, cardForm, rawRequest, useSandbox, validCard } from './test-helpers.ts';

const t = useSandbox();

const addFault = async (fault: Record<string, unknown>, on: 'api' | 'vault' = 'api') => {
  const base = on === 'api' ? t.sandbox.apiUrl : t.sandbox.vaultUrl;
  const result = await call(base, 'POST', '/__sandbox/faults', { json: fault });
  if (result.status !== 201) throw new Error(`fault refused: ${result.status} ${result.text}`);
  return result.json as { id: string };
};

const customerCount = async () => ((await t.api('GET', '/customers')).json as { total: number }).total;

/** POST /customers over a fresh connection, so a reset or hang shows as a socket error. */
const createOverRawSocket = (timeoutMs = 2000) =>
  rawRequest(`${t.sandbox.apiUrl}/customers`, {
    method: 'POST',
    headers: { authorization: basic(t.sandbox.secretKey), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=a%40example.com',
    timeoutMs,
  });

const create = (options: CallOptions = {}) =>
  t.api('POST', '/customers', { form: { email: 'a@example.com' }, ...options });

describe('status faults', () => {
  it('before: answers the status with an Omise error body and does not run the handler', async () => {
    await addFault({ kind: 'status', status: 503, path: '/customers', method: 'POST' });
    const result = await create();
    expect(result.status).toBe(503);
    expect(result.json).toEqual({
      object: 'error',
      location: 'https://www.omise.co/api-errors#service-unavailable',
      code: 'service_unavailable',
      message: 'service unavailable',
    });
    expect(await customerCount()).toBe(0);
    expect((await create()).status).toBe(200);
  });

  it.each([
    [500, 'internal_error', 'internal server error'],
    [429, 'too_many_requests', 'too many requests'],
    [502, 'bad_gateway', 'bad gateway'],
  ])('defaults %i to code %s', async (status, code, message) => {
    await addFault({ kind: 'status', status });
    expect((await create()).json).toMatchObject({ code, message });
  });

  it('uses the code and message it was given', async () => {
    await addFault({ kind: 'status', status: 400, code: 'invalid_card', message: 'brand not supported' });
    const result = await create();
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ code: 'invalid_card', message: 'brand not supported' });
  });

  it('after: the customer is created, but the answer is the error', async () => {
    await addFault({ kind: 'status', status: 500, when: 'after' });
    const result = await create();
    expect(result.status).toBe(500);
    expect(result.json).toMatchObject({ code: 'internal_error' });
    expect(await customerCount()).toBe(1);
  });

  it('keeps CORS headers on the vault so a browser can read the error', async () => {
    await addFault({ kind: 'status', status: 503, path: '/tokens' }, 'vault');
    const result = await t.vault('POST', '/tokens', { form: cardForm(validCard()) });
    expect(result.status).toBe(503);
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('latency faults', () => {
  it('before: delays, then handles the request normally', async () => {
    await addFault({ kind: 'latency', ms: 200 });
    const started = performance.now();
    const result = await create();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(result.status).toBe(200);
  });

  it('after: the customer exists while the answer is still delayed', async () => {
    await addFault({ kind: 'latency', ms: 800, when: 'after', method: 'POST' });
    const pending = create();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await customerCount()).toBe(1);
    expect((await pending).status).toBe(200);
  });
});

describe('reset faults', () => {
  it('before: destroys the connection without answering; nothing is created', async () => {
    await addFault({ kind: 'reset', path: '/customers' });
    await expect(createOverRawSocket()).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await customerCount()).toBe(0);
  });

  it('after: the customer is created, then the connection is reset', async () => {
    await addFault({ kind: 'reset', path: '/customers', when: 'after' });
    await expect(createOverRawSocket()).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await customerCount()).toBe(1);
  });
});

describe('hang faults', () => {
  it('before: never answers; nothing is created', async () => {
    await addFault({ kind: 'hang', path: '/customers' });
    await expect(createOverRawSocket(300)).rejects.toMatchObject({ code: 'timeout' });
    expect(await customerCount()).toBe(0);
  });

  it('after: the customer is created and the answer never comes', async () => {
    await addFault({ kind: 'hang', path: '/customers', when: 'after' });
    await expect(createOverRawSocket(300)).rejects.toMatchObject({ code: 'timeout' });
    expect(await customerCount()).toBe(1);
  });
});

describe('malformed faults', () => {
  it('before: a 200 that says JSON and is not; nothing is created', async () => {
    await addFault({ kind: 'malformed' });
    const result = await create();
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(() => JSON.parse(result.text)).toThrow(SyntaxError);
    expect(await customerCount()).toBe(0);
  });

  it('after: the customer is created behind the broken answer', async () => {
    await addFault({ kind: 'malformed', when: 'after' });
    expect((await create()).json).toBeUndefined();
    expect(await customerCount()).toBe(1);
  });
});

describe('reply faults', () => {
  const answer = { object: 'customer', id: 'cust_test_5086xleuh9ft4bn0ac2', email: 'docs@example.com' };

  it('before: answers exactly the JSON it was given; nothing is created', async () => {
    await addFault({ kind: 'reply', body: answer });
    const result = await create();
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(result.json).toEqual(answer);
    expect(await customerCount()).toBe(0);
  });

  it('after: the customer is created, and the answer is the given one with its status', async () => {
    await addFault({ kind: 'reply', when: 'after', status: 201, body: { object: 'customer' } });
    const result = await create();
    expect(result).toMatchObject({ status: 201, json: { object: 'customer' } });
    expect(await customerCount()).toBe(1);
  });

  it('needs a body, and a status from 200 to 599', async () => {
    const refused = async (fault: Record<string, unknown>) =>
      (await call(t.sandbox.apiUrl, 'POST', '/__sandbox/faults', { json: fault })).json;
    expect(await refused({ kind: 'reply' })).toMatchObject({
      message: 'body is required for reply: the JSON to answer',
    });
    expect(await refused({ kind: 'reply', status: 199, body: {} })).toMatchObject({
      message: 'status must be between 200 and 599',
    });
  });
});

describe('fault matching', () => {
  it('applies to count requests, then stops', async () => {
    await addFault({ kind: 'status', status: 503, count: 2 });
    const statuses = [(await create()).status, (await create()).status, (await create()).status];
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('with count -1, applies until cleared', async () => {
    await addFault({ kind: 'status', status: 503, count: -1 });
    for (let i = 0; i < 3; i++) expect((await create()).status).toBe(503);
    expect((await call(t.sandbox.apiUrl, 'DELETE', '/__sandbox/faults')).status).toBe(204);
    expect((await create()).status).toBe(200);
  });

  it('matches method and path prefix only', async () => {
    await addFault({ kind: 'status', status: 503, method: 'post', path: '/customers' });
    expect((await t.api('GET', '/customers')).status).toBe(200);
    expect((await t.vault('POST', '/tokens', { form: cardForm(validCard()) })).status).toBe(200);
    expect((await create()).status).toBe(503);
  });

  it('targets the other listener when told to', async () => {
    await addFault({ kind: 'status', status: 503, target: 'vault' });
    expect((await create()).status).toBe(200);
    expect((await t.vault('POST', '/tokens', { form: cardForm(validCard()) })).status).toBe(503);
  });

  it("lets a browser's preflight through, so the POST after it is the one that fails", async () => {
    await addFault({ kind: 'status', status: 503, path: '/tokens' }, 'vault');
    const preflight = await fetch(`${t.sandbox.vaultUrl}/tokens`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect((await t.vault('POST', '/tokens', { form: cardForm(validCard()) })).status).toBe(503);
  });

  it('never faults the control API itself', async () => {
    await addFault({ kind: 'hang', count: -1 });
    const listed = await call(t.sandbox.apiUrl, 'GET', '/__sandbox/faults');
    expect(listed.status).toBe(200);
  });

  it('lists pending faults with what is left of them, and forgets spent ones', async () => {
    const { id } = await addFault({ kind: 'latency', ms: 0, count: 2, path: '/customers' });
    await create();
    const listed = await call(t.sandbox.apiUrl, 'GET', '/__sandbox/faults');
    expect(listed.json).toEqual({
      data: [
        {
          id,
          kind: 'latency',
          target: 'api',
          method: null,
          path: '/customers',
          remaining: 1,
          when: 'before',
          ms: 0,
          status: null,
          code: null,
          message: null,
          hits: 1,
        },
      ],
    });
    await create();
    expect((await call(t.sandbox.apiUrl, 'GET', '/__sandbox/faults')).json).toEqual({ data: [] });
  });
});

describe('POST /__sandbox/faults validation', () => {
  it.each([
    [{}, 'kind is required: one of latency, status, reset, hang, malformed, reply'],
    [{ kind: 'explode' }, 'kind must be one of latency, status, reset, hang, malformed, reply'],
    [{ kind: 'latency' }, 'ms is required for latency: 0 to 600000'],
    [{ kind: 'status', status: 200 }, 'status must be between 400 and 599'],
    [{ kind: 'reset', count: 0 }, 'count must be a positive integer, or -1 for until cleared'],
    [{ kind: 'reset', when: 'during' }, 'when must be one of before, after'],
    [{ kind: 'reset', ms: 5 }, 'ms is not a valid parameter'],
    [{ kind: 'reset', path: 'customers' }, 'path must start with /'],
    [{ kind: 'reset', target: 'cdn' }, 'target must be one of api, vault'],
  ])('refuses %j with bad_request', async (fault, message) => {
    const result = await call(t.sandbox.apiUrl, 'POST', '/__sandbox/faults', { json: fault });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ object: 'error', code: 'bad_request', message });
  });

  it('accepts a form-encoded fault too', async () => {
    const result = await call(t.sandbox.apiUrl, 'POST', '/__sandbox/faults', {
      form: { kind: 'status', status: '429', count: '1' },
    });
    expect(result.status).toBe(201);
    expect(result.json).toMatchObject({ kind: 'status', status: 429, remaining: 1, target: 'api' });
  });
});
