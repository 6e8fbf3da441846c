import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-helpers.ts';

const t = useSandbox();

const customerCount = async () => ((await t.api('GET', '/customers')).json as { total: number }).total;
const logged = async () =>
  ((await call(t.sandbox.apiUrl, 'GET', '/__sandbox/requests')).json as { data: { path: string }[] }).data;

/** `__sandbox` in any letter case but its own. */
const otherCasing = fc
  .array(fc.boolean(), { minLength: 9, maxLength: 9 })
  .map((upper) => Array.from('__sandbox', (char, i) => (upper[i] ? char.toUpperCase() : char)).join(''))
  .filter((prefix) => prefix !== '__sandbox');

describe('the control prefix', () => {
  it('is /__sandbox/ in lower case only: another casing is an unknown path, authenticated, logged and 404', async () => {
    await fc.assert(
      fc.asyncProperty(otherCasing, fc.constantFrom('reset', 'faults', 'requests'), async (prefix, endpoint) => {
        t.sandbox.reset();
        await t.customer({ email: 'kept@example.com' });
        const path = `/${prefix}/${endpoint}`;
        const withoutKey = await t.api('POST', path, { key: null });
        expect(withoutKey.status).toBe(401);
        expect(withoutKey.json).toMatchObject({ object: 'error', code: 'authentication_failure' });
        const withKey = await t.api('POST', path);
        expect(withKey.status).toBe(404);
        expect(withKey.json).toMatchObject({
          object: 'error',
          code: 'not_found',
          message: `POST ${path} was not found`,
        });
        // Nothing was reset, and both calls are in the log like any other request.
        expect(await customerCount()).toBe(1);
        expect((await logged()).map((entry) => entry.path)).toEqual(['/customers', path, path, '/customers']);
      }),
      { numRuns: 12, seed: 13 },
    );
  });

  it('sends no CORS headers from the API listener for another casing, as for any API path', async () => {
    const exact = await call(t.sandbox.apiUrl, 'GET', '/__sandbox/faults');
    const other = await call(t.sandbox.apiUrl, 'GET', '/__SANDBOX/faults');
    expect(exact.headers.get('access-control-allow-origin')).toBe('*');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a fault reach another casing, as it reaches any path, while the control API stays unfaulted', async () => {
    await call(t.sandbox.apiUrl, 'POST', '/__sandbox/faults', { json: { kind: 'status', status: 503, count: -1 } });
    expect((await t.api('POST', '/__SANDBOX/reset')).status).toBe(503);
    expect((await t.api('POST', '/__Sandbox/faults')).status).toBe(503);
    const faults = await call(t.sandbox.apiUrl, 'GET', '/__sandbox/faults');
    expect(faults.status).toBe(200);
    expect(faults.json).toMatchObject({ data: [{ kind: 'status', status: 503 }] });
  });

  it('matches its endpoints in lower case only: /__sandbox/RESET is an unknown control endpoint, not logged', async () => {
    await t.customer({ email: 'kept@example.com' });
    const result = await call(t.sandbox.apiUrl, 'POST', '/__sandbox/RESET');
    expect(result.status).toBe(404);
    expect(result.json).toMatchObject({
      code: 'not_found',
      message: 'POST /__sandbox/RESET is not a sandbox control endpoint',
    });
    expect(await customerCount()).toBe(1);
    expect((await logged()).map((entry) => entry.path)).toEqual(['/customers', '/customers']);
  });

  it('answers the same on the vault listener', async () => {
    const result = await t.vault('POST', '/__SANDBOX/reset');
    expect(result.status).toBe(404);
    expect(result.json).toMatchObject({ code: 'not_found', message: 'POST /__SANDBOX/reset was not found' });
    const vaultLog = (await call(t.sandbox.vaultUrl, 'GET', '/__sandbox/requests?target=vault')).json as {
      data: { path: string }[];
    };
    expect(vaultLog.data.map((entry) => entry.path)).toEqual(['/__SANDBOX/reset']);
  });
});
