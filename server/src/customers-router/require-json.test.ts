import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { upstreamRequests, useProxy, useSandbox } from '../test-support/harness.ts';

const world = useSandbox();
const running = useProxy(world);

const json = JSON.stringify({ email: 'encoded@example.com' });

async function send(encoding: string, body: Uint8Array | string) {
  const response = await fetch(`${running.proxy.url}/api/customers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const refusal = {
  object: 'error',
  code: 'unsupported_media_type',
  message: 'Send the body uncompressed, without a Content-Encoding.',
  request_id: expect.any(String),
};

describe('a Content-Encoding on the body', () => {
  it.each([
    ['gzip', gzipSync(json)],
    ['deflate', deflateSync(json)],
    ['br', brotliCompressSync(json)],
    ['GZIP', gzipSync(json)],
  ])('%s, even when it decodes, is refused with 415 and nothing is sent', async (encoding, body) => {
    expect(await send(encoding, body)).toEqual({ status: 415, body: refusal });
    expect(await upstreamRequests(world.sandbox)).toEqual([]);
  });

  it.each([
    ['gzip', 'not gzip at all'],
    ['gzip', gzipSync(json).subarray(0, 12)],
    ['deflate', Buffer.from([0x78, 0x9c, 0xff, 0xff, 0x00])],
    ['br', Buffer.from('garbage')],
  ])('%s that does not decode is the client’s fault: 415, never 500', async (encoding, body) => {
    expect(await send(encoding, body)).toEqual({ status: 415, body: refusal });
  });

  it.each(['x-foo', 'zstd', 'compress', 'gzip, gzip', 'identity, gzip', 'gzip;q=1', 'identity;'])(
    'refuses %j, an unknown or stacked encoding',
    async (encoding) => {
      expect(await send(encoding, json)).toEqual({ status: 415, body: refusal });
    },
  );

  it('refuses a gzip bomb without inflating it', async () => {
    // 64 MB of zeros in about 64 KB; the proxy would stop at 16 KB inflated, and now reads none of it.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(128 * 1024);
    const before = running.proxy.logs.length;
    expect(await send('gzip', bomb)).toEqual({ status: 415, body: refusal });
    expect(running.proxy.logs.slice(before).some((line) => line.includes('"level":50'))).toBe(false);
    // The proxy still creates customers.
    expect((await running.proxy.post({ email: 'after-bomb@example.com' })).status).toBe(201);
  });

  it.each(['identity', 'Identity', ' identity ', ''])('takes %j as no encoding', async (encoding) => {
    const response = await send(encoding, json);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ object: 'customer', email: 'encoded@example.com' });
  });
});
