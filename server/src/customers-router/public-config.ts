import { PublicConfig } from '@omise-signup/shared';
import type { RequestHandler } from 'express';
import { ProxyError } from '../errors.ts';
import { sendError } from '../http-error.ts';
import { openScope } from '../request-scope.ts';
import type { RouterPublicConfig } from './options.ts';

/**
 * `GET /config`: the public key, vault and Omise.js (and card frame) a widget without settings
 * needs. Checked when the router is built, so a wrong URL fails at startup, not in a browser.
 */
export function publicConfigStep(config: RouterPublicConfig | undefined): RequestHandler {
  const body =
    config &&
    PublicConfig.parse({
      publicKey: config.publicKey,
      vaultUrl: config.vaultUrl,
      omiseJsUrl: config.omiseJsUrl,
      livemode: !config.publicKey.includes('_test_'),
      ...(config.cardFrameUrl ? { cardFrameUrl: config.cardFrameUrl } : {}),
    });
  return (req, res) => {
    if (!body) {
      const missing = new ProxyError(
        'not_found',
        'This server has no public key to share: set OMISE_PUBLIC_KEY (or publicConfig when mounting the router).',
      );
      return sendError(res, missing, openScope(req, res, undefined).id);
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.json(body);
  };
}
