import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@omise-signup/sandbox';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { type CardFrameOptions, createCardFrame } from './card-frame.ts';
import { startServer } from './server.ts';
import { configFor } from './test-support/harness.ts';

const assetsDir = mkdtempSync(join(tmpdir(), 'card-frame-'));
const SCRIPT = 'console.log("card frame");\n';
writeFileSync(join(assetsDir, 'card-frame.js'), SCRIPT);
afterAll(() => rmSync(assetsDir, { recursive: true, force: true }));

const OPTIONS: CardFrameOptions = {
  publicKey: 'pkey_test_5xs9k1lg3y2pbmtkq5l',
  omiseJsUrl: 'https://cdn.omise.co/omise.js',
  vaultUrl: 'https://vault.omise.co',
  hostOrigins: ['https://shop.example', 'https://www.shop.example'],
  assetsDir,
};

const frameApp = (options: Partial<CardFrameOptions> = {}) =>
  express().use(createCardFrame({ ...OPTIONS, ...options }));

/** GET `path` from `app`, listening on a free port for the one request. */
function request(app: express.Express) {
  return {
    async get(path: string) {
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
        return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
      } finally {
        server.close();
      }
    },
  };
}

/** The page's policy as directive → sources. */
function policy(header: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '').split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the card frame page', () => {
  it('may be framed only by the listed pages, and runs only its script and Omise.js, talking only to Omise', async () => {
    const response = await request(frameApp()).get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(policy(response.headers['content-security-policy'])).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'", 'https://cdn.omise.co', 'https://vault.omise.co'],
      'connect-src': ['https://cdn.omise.co', 'https://vault.omise.co'],
      'frame-src': ['https://cdn.omise.co', 'https://vault.omise.co'],
      'style-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ['https://shop.example', 'https://www.shop.example'],
    });
    expect(response.headers['origin-agent-cluster']).toBe('?1');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-cache');
    // frame-ancestors decides who may frame it; X-Frame-Options would forbid every one.
    expect(response.headers['x-frame-options']).toBeUndefined();
  });

  it('carries the public key and the allowed origins for its script, and loads that script pinned by hash', async () => {
    const { text } = await request(frameApp()).get('/');
    const meta = /<meta name="omise-card-frame" content="([^"]*)">/.exec(text)?.[1] ?? '';
    expect(JSON.parse(meta.replaceAll('&quot;', '"'))).toEqual({
      publicKey: OPTIONS.publicKey,
      omiseJsUrl: OPTIONS.omiseJsUrl,
      hosts: ['https://shop.example', 'https://www.shop.example'],
      fontOrigins: [],
    });
    const version = createHash('sha256').update(SCRIPT).digest('hex').slice(0, 16);
    const integrity = `sha384-${createHash('sha384').update(SCRIPT).digest('base64')}`;
    expect(text).toContain(`<script src="/card-frame.js?v=${version}" integrity="${integrity}" defer></script>`);
    // Nothing inline: the page's own policy allows no inline script or style.
    expect(text).not.toMatch(/<script>|<style|style=/);
  });

  it('names its script under the path it is mounted at', async () => {
    const app = express().use('/card', createCardFrame(OPTIONS));
    const { text } = await request(app).get('/card/');
    expect(text).toMatch(/<script src="\/card\/card-frame\.js\?v=\w{16}"/);
  });

  it('lets the frame load fonts only from the allowed origins', async () => {
    const response = await request(
      frameApp({ fontOrigins: ['https://fonts.googleapis.com', 'https://fonts.gstatic.com'] }),
    ).get('/');
    const directives = policy(response.headers['content-security-policy']);
    expect(directives['style-src']).toEqual(["'self'", 'https://fonts.googleapis.com', 'https://fonts.gstatic.com']);
    expect(directives['font-src']).toEqual(['https://fonts.googleapis.com', 'https://fonts.gstatic.com']);
  });

  it('serves its script for the frame only, cached for good under its hash', async () => {
    const app = frameApp();
    const { text } = await request(app).get('/');
    const src = /<script src="([^"]+)"/.exec(text)?.[1] ?? '';
    const script = await request(app).get(src);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.text).toBe(SCRIPT);
    expect((await request(app).get('/card-frame.js')).headers['cache-control']).toBe('no-cache');
  });

  it('answers anything else with 404', async () => {
    const response = await request(frameApp()).get('/index.html');
    expect(response.status).toBe(404);
    expect(response.text).toBe('Not found: the card frame serves / and /card-frame.js only.\n');
  });

  it('refuses options that would make it unsafe or broken, saying what to fix', () => {
    expect(() => createCardFrame({ ...OPTIONS, publicKey: 'skey_test_5xs9k1lg8nq5bqk2v6a' })).toThrow(
      'The card frame needs the Omise public key (pkey_…): it tokenizes cards with it.',
    );
    expect(() => createCardFrame({ ...OPTIONS, hostOrigins: [] })).toThrow(
      'The card frame needs the origins of the pages that embed the widget (hostOrigins).',
    );
    expect(() => createCardFrame({ ...OPTIONS, hostOrigins: ['https://shop.example/signup'] })).toThrow(
      'The card frame’s hostOrigins holds "https://shop.example/signup", which is not an origin: write scheme://host[:port], e.g. https://shop.example.',
    );
    expect(() => createCardFrame({ ...OPTIONS, assetsDir: join(assetsDir, 'nowhere') })).toThrow(
      /card-frame\.js is missing: build the widget first \(pnpm build\)/,
    );
  });
});

describe('the card frame served by the proxy on CARD_FRAME_PORT', () => {
  it('listens on a port of its own at localhost, lets the demo page and ALLOWED_ORIGINS frame it, and is named in /api/config', async () => {
    const sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
    const running = await startServer(
      configFor(sandbox, {
        LOG_LEVEL: 'silent',
        ALLOWED_ORIGINS: 'https://shop.example',
        CARD_FRAME_PORT: '0',
        CARD_FRAME_DIR: assetsDir,
      }),
    );
    try {
      const frameUrl = running.cardFrameUrl ?? '';
      expect(frameUrl).toMatch(/^http:\/\/localhost:\d+\/$/);
      expect(new URL(frameUrl).port).not.toBe(new URL(running.url).port);
      const config = await (await fetch(`${running.url}/api/config`)).json();
      expect(config).toMatchObject({ publicKey: sandbox.publicKey, cardFrameUrl: frameUrl });

      const page = await fetch(frameUrl.replace('localhost', '127.0.0.1'));
      const port = new URL(running.url).port;
      expect(policy(page.headers.get('content-security-policy') ?? '')['frame-ancestors']).toEqual([
        `http://127.0.0.1:${port}`,
        `http://localhost:${port}`,
        'https://shop.example',
      ]);
      // The demo page's own policy lets it frame the card frame.
      const demo = await fetch(`${running.url}/healthz`);
      expect(policy(demo.headers.get('content-security-policy') ?? '')['frame-src']).toContain(
        new URL(frameUrl).origin,
      );
    } finally {
      await running.close();
      await sandbox.close();
    }
  });
});
