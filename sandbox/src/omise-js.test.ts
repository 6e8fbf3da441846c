import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { call, useSandbox, validCard } from './test-helpers.ts';

const t = useSandbox();

interface OmiseGlobal {
  setPublicKey(key: string): string;
  createToken(type: string, data: unknown, callback: (status: number, response: unknown) => void): void;
}

/** Runs the served script as a browser would, with only the globals it may use. */
async function loadOmiseJs(src = t.sandbox.omiseJsUrl): Promise<OmiseGlobal> {
  const response = await fetch(src);
  const window: { Omise?: OmiseGlobal } = {};
  runInNewContext(await response.text(), {
    window,
    document: { currentScript: { src }, baseURI: 'http://shop.example/signup' },
    fetch,
    btoa,
    URL,
    AbortController,
    setTimeout,
    clearTimeout,
  });
  if (!window.Omise) throw new Error('omise.js did not define window.Omise');
  return window.Omise;
}

const createToken = (omise: OmiseGlobal, data: unknown) =>
  new Promise<[number, unknown]>((resolve) =>
    omise.createToken('card', data, (status, response) => resolve([status, response])),
  );

describe('/omise.js', () => {
  it('is served as cacheable JavaScript, open to any origin, without a key', async () => {
    const response = await fetch(t.sandbox.omiseJsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const source = await response.text();
    expect(source).toContain('window.Omise = { setPublicKey: setPublicKey, createToken: createToken }');
    // A strict CSP forbids eval and the Function constructor.
    expect(source).not.toMatch(/\beval\(|new Function|Function\(/);
  });

  it('tokenizes through the vault it was loaded from: status 200 and the token', async () => {
    const omise = await loadOmiseJs();
    expect(omise.setPublicKey(t.sandbox.publicKey)).toBe(t.sandbox.publicKey);
    const [status, token] = await createToken(omise, validCard());
    expect(status).toBe(200);
    expect(token).toMatchObject({ object: 'token', card: { brand: 'Visa', last_digits: '4242' } });
    const [logged] = (
      (await call(t.sandbox.vaultUrl, 'GET', '/__sandbox/requests?method=POST')).json as { data: unknown[] }
    ).data;
    expect(logged).toMatchObject({
      method: 'POST',
      path: '/tokens',
      contentType: 'application/json',
      auth: { user: t.sandbox.publicKey, password: '' },
    });
  });

  it("calls back with the vault's status and error object for a bad card", async () => {
    const omise = await loadOmiseJs();
    omise.setPublicKey(t.sandbox.publicKey);
    const [status, error] = await createToken(omise, validCard({ name: '' }));
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'invalid_card', message: "name can't be blank" });
  });

  it('calls back 401 authentication_failure without a valid public key', async () => {
    const omise = await loadOmiseJs();
    omise.setPublicKey(t.sandbox.secretKey);
    const [status, error] = await createToken(omise, validCard());
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: 'authentication_failure' });
  });

  it('calls back (0, rpc_error) when the connection fails', async () => {
    await call(t.sandbox.vaultUrl, 'POST', '/__sandbox/faults', { json: { kind: 'reset', path: '/tokens' } });
    const omise = await loadOmiseJs();
    omise.setPublicKey(t.sandbox.publicKey);
    expect(await createToken(omise, validCard())).toEqual([
      0,
      { code: 'rpc_error', message: 'unable to connect to provider after timeout' },
    ]);
  });

  it('gives up with (0, rpc_error) after ?timeout_ms when the vault hangs', async () => {
    await call(t.sandbox.vaultUrl, 'POST', '/__sandbox/faults', { json: { kind: 'hang', path: '/tokens' } });
    const omise = await loadOmiseJs(`${t.sandbox.omiseJsUrl}?timeout_ms=200`);
    omise.setPublicKey(t.sandbox.publicKey);
    const started = performance.now();
    const [status, error] = await createToken(omise, validCard());
    expect([status, error]).toEqual([0, { code: 'rpc_error', message: 'unable to connect to provider after timeout' }]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
