import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCardNumber } from '@omise-signup/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenCard } from '../../shared/src/test-support/card-text.ts';
import { configFor, startProxy, type TestProxy, useSandbox } from './test-support/harness.ts';

// Error answers speak only our own words: nothing of the path, the headers or the body a client
// sent comes back, on any route the proxy serves.
const world = useSandbox();
let site: string;
let proxy: TestProxy;
beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'omise-signup-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>demo</title>');
  mkdirSync(join(site, 'assets'));
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)');
  proxy = await startProxy(configFor(world.sandbox, { STATIC_DIR: site }));
});
afterAll(async () => {
  await proxy?.server.close();
  rmSync(site, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with its path and headers exactly as given (fetch would normalise them). */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

const everything = (answer: RawAnswer) => answer.text + JSON.stringify(answer.headers);

describe('an unknown path', () => {
  it('is answered in our words, never repeating the path, under /api or anywhere else', async () => {
    const marker = 'zq7marker';
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.constantFrom('/api/', '/', '/api/customers/', '/assets/'),
        fc.oneof(
          hiddenCard.map(({ text }) => encodeURIComponent(text)),
          fc.constantFrom(
            '4242424242424242',
            '4242-4242-4242-4242',
            '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
            '..%2f..%2fetc%2fpasswd',
          ),
          fc.string({ maxLength: 40 }).map(encodeURIComponent),
        ),
        async (method, base, tail) => {
          const answer = await raw(method, `${base}${marker}${tail}?q=${marker}`, {
            'Content-Type': 'application/json',
          });
          expect(answer.status).toBe(404);
          const body = JSON.parse(answer.text);
          expect(body).toEqual({
            object: 'error',
            code: 'not_found',
            message: base.startsWith('/api/')
              ? 'The API has no such endpoint: it answers POST /api/customers and GET /api/config.'
              : 'There is nothing at this address.',
            request_id: answer.headers['x-request-id'],
          });
          expect(everything(answer)).not.toContain(marker);
          expect(findCardNumber(everything(answer))).toBeNull();
        },
      ),
      { numRuns: 200, seed: 13 },
    );
  });

  it('is not a redirect for a directory of the site, which would repeat the path and query', async () => {
    const answer = await raw('GET', '/assets?card=4242424242424242');
    expect(answer.status).toBe(404);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.text).not.toContain('4242');
    expect((await raw('GET', '/assets/app.js')).status).toBe(200);
  });

  it('is logged without the card number in it, however long the path', async () => {
    const before = proxy.logs.length;
    // Cut at 512 characters, the path would end in 13 of the number's digits, which fail Luhn.
    await raw('GET', `/${'a'.repeat(498)}4242424242424242${'b'.repeat(100)}`);
    const lines = proxy.logs.slice(before).join('');
    expect(lines).toContain('"path":"/aaaa');
    expect(lines).not.toMatch(/4242424242424/);
    expect(findCardNumber(lines)).toBeNull();
  });

  it('adds no label of its own to the metrics', async () => {
    await raw('GET', '/api/zq7metric4242424242424242');
    const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(metrics).not.toContain('zq7metric');
    expect(metrics).toMatch(/omise_signup_http_requests_total\{route="unmatched",method="GET",status="404"\} \d+/);
  });
});

describe('a refused origin', () => {
  it.each(['https://evil.example', 'https://4242424242424242.evil.example', 'https://evil.example/<script>', 'null'])(
    '%j is refused in our words, named only in the log',
    async (origin) => {
      const before = proxy.logs.length;
      const answer = await raw('POST', '/api/customers', { Origin: origin, 'Content-Type': 'application/json' });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toMatchObject({
        code: 'forbidden_origin',
        message: "Requests from this page's origin are not allowed. Add the origin to ALLOWED_ORIGINS on the server.",
      });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(everything(answer)).not.toContain(origin);
      const logged = proxy.logs.slice(before).map((line) => JSON.parse(line));
      expect(logged).toContainEqual(
        expect.objectContaining({ level: 40, msg: 'refused a request from an origin not allowed' }),
      );
      expect(findCardNumber(proxy.logs.slice(before).join(''))).toBeNull();
    },
  );

  it('is never echoed for a card number, even when Host says it is the same origin', async () => {
    const host = '4242424242424242.shop.example';
    const answer = await raw('POST', '/api/customers', {
      Host: host,
      Origin: `http://${host}`,
      'Content-Type': 'application/json',
    });
    expect(answer.status).toBe(403);
    expect(everything(answer)).not.toContain('4242424242424242');
  });

  it('is echoed when it is the same origin and plain', async () => {
    const host = new URL(proxy.url).host;
    const answer = await raw('OPTIONS', '/api/customers', { Origin: `http://${host}` });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(`http://${host}`);
  });
});

describe('readiness', () => {
  it('says only "unreachable" of a store that is down, and logs why', async () => {
    const down = await startProxy(configFor(world.sandbox), {
      ready: async () => {
        throw new Error('connect ECONNREFUSED redis://:hunter2@redis.internal:6379');
      },
    });
    try {
      const response = await fetch(`${down.url}/readyz`);
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(text)).toEqual({ status: 'not_ready', checks: { config: 'ok', store: 'unreachable' } });
      expect(text).not.toContain('hunter2');
      expect(down.logs.some((line) => line.includes('not ready: the store is unreachable'))).toBe(true);
    } finally {
      await down.server.close();
    }
  });
});
