import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';

// Vite names built assets `name-<hash>.ext`: their content never changes under that name.
const HASHED = /-[\w-]{8,}\.(?:js|css|svg|png|woff2?)$/;

/**
 * Serves a built site (the demo page and the widget bundle): hashed assets cached for a year,
 * everything else revalidated, `index.html` at `/`. What it does not have falls through to the
 * app's JSON 404.
 */
export function staticSite(dir: string): RequestHandler {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`STATIC_DIR ${dir} has no index.html: build the widget first (pnpm build).`);
  }
  return express.static(dir, {
    index: 'index.html',
    fallthrough: true,
    // No redirect of a directory to its slash: serve-static's would repeat the client's path and
    // query in Location and an HTML body. A directory without its slash is not found instead.
    redirect: false,
    setHeaders(res, path) {
      res.setHeader('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
