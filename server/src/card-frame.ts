import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Request, type Response, Router } from 'express';

/** Options of `createCardFrame`. */
export interface CardFrameOptions {
  /** The Omise public key (`pkey_…`) the frame tokenizes with; the embedding page cannot change it. */
  publicKey: string;
  /** Omise.js, loaded by the frame: `https://cdn.omise.co/omise.js` (or the sandbox's). */
  omiseJsUrl: string;
  /** Omise's vault, which Omise.js talks to (`https://vault.omise.co`). */
  vaultUrl: string;
  /** Origins of the pages that embed the widget, e.g. `https://shop.example`: the frame's `frame-ancestors`. */
  hostOrigins: readonly string[];
  /** The built frame: `dist/card-frame` of `@omise-signup/web` (it holds `card-frame.js`). */
  assetsDir: string;
  /** Origins a font stylesheet for the frame (and its font files) may come from. */
  fontOrigins?: readonly string[];
}

const SCRIPT = 'card-frame.js';

/** `value` as an origin (`scheme://host[:port]`), or an Error that says what to write instead. */
function originOf(value: string, what: string): string {
  let origin = 'null';
  try {
    origin = new URL(value).origin;
  } catch {}
  if (origin === 'null' || origin !== value.replace(/\/$/, '')) {
    throw new Error(
      `${what} holds "${value}", which is not an origin: write scheme://host[:port], e.g. https://shop.example.`,
    );
  }
  return origin;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The card frame: the page (and its script) that holds the card fields on an origin of its own,
 * so the scripts of the page embedding the widget cannot read them. Mount it where that origin
 * points (its own port, or a `card.` subdomain routed to it) and give the widget its URL
 * (`card-frame-url`, or `CARD_FRAME_URL` for `GET /api/config`).
 *
 * The page is served with a policy of its own: only the listed origins may frame it
 * (`frame-ancestors`), it runs only its own script and Omise.js, talks only to Omise, and it
 * carries the public key, so a page that embeds it cannot make it tokenize for another account.
 *
 * @example
 * import express from 'express';
 * import { createCardFrame } from '@omise-signup/server';
 * const frame = express().use(createCardFrame({
 *   publicKey: process.env.OMISE_PUBLIC_KEY!, omiseJsUrl: 'https://cdn.omise.co/omise.js',
 *   vaultUrl: 'https://vault.omise.co', hostOrigins: ['https://shop.example'],
 *   assetsDir: 'node_modules/@omise-signup/web/dist/card-frame',
 * }));
 * frame.listen(3001); // https://card.shop.example/ → this port
 */
export function createCardFrame(options: CardFrameOptions): Router {
  if (!/^pkey_(test_)?\w+$/.test(options.publicKey)) {
    throw new Error('The card frame needs the Omise public key (pkey_…): it tokenizes cards with it.');
  }
  if (options.hostOrigins.length === 0) {
    throw new Error('The card frame needs the origins of the pages that embed the widget (hostOrigins).');
  }
  const hosts = options.hostOrigins.map((value) => originOf(value, 'The card frame’s hostOrigins'));
  const fonts = (options.fontOrigins ?? []).map((value) => originOf(value, 'The card frame’s fontOrigins'));
  const omise = [...new Set([new URL(options.omiseJsUrl).origin, new URL(options.vaultUrl).origin])];
  const file = join(options.assetsDir, SCRIPT);
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: build the widget first (pnpm build), or point assetsDir at its dist/card-frame.`,
    );
  }
  const script = readFileSync(file);
  const version = createHash('sha256').update(script).digest('hex').slice(0, 16);
  const integrity = `sha384-${createHash('sha384').update(script).digest('base64')}`;

  const policy = [
    "default-src 'none'",
    `script-src 'self' ${omise.join(' ')}`,
    `connect-src ${omise.join(' ')}`,
    `frame-src ${omise.join(' ')}`,
    `style-src 'self'${fonts.map((origin) => ` ${origin}`).join('')}`,
    ...(fonts.length ? [`font-src ${fonts.join(' ')}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${hosts.join(' ')}`,
  ].join('; ');
  const config = escapeHtml(
    JSON.stringify({ publicKey: options.publicKey, omiseJsUrl: options.omiseJsUrl, hosts, fontOrigins: fonts }),
  );

  const page = (req: Request, res: Response) => {
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': policy,
      // Its own agent cluster: the browser may keep it in a process apart from same-site pages.
      'Origin-Agent-Cluster': '?1',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    res.send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="omise-card-frame" content="${config}">
<title>Card fields</title>
<script src="${req.baseUrl}/${SCRIPT}?v=${version}" integrity="${integrity}" defer></script>
</head>
<body></body>
</html>
`);
  };

  const router = Router();
  router.get('/', page);
  router.get(`/${SCRIPT}`, (req, res) => {
    res.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      // Only the frame page (same origin) loads it.
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      // The page names it by its hash, so under that name it never changes.
      'Cache-Control': req.query.v === version ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.send(script);
  });
  router.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found: the card frame serves / and /card-frame.js only.\n');
  });
  return router;
}
