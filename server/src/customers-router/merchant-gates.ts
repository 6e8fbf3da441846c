import type { Request, RequestHandler } from 'express';
import { ProxyError } from '../errors.ts';

type Hook = (req: Request) => boolean | Promise<boolean>;

function gate(hook: Hook, refusal: () => ProxyError): RequestHandler {
  return async (req, _res, next) => {
    if (await hook(req)) return next();
    next(refusal());
  };
}

/** The merchant's `authorize` hook: false refuses with 401 `unauthorized`. */
export const authorizeStep = (hook: Hook): RequestHandler =>
  gate(
    hook,
    () => new ProxyError('unauthorized', 'You are not allowed to create an account here. Sign in and try again.'),
  );

/** The merchant's `verify` hook (a CAPTCHA, say): false refuses with 403 `verification_failed`. */
export const verifyStep = (hook: Hook): RequestHandler =>
  gate(
    hook,
    () => new ProxyError('verification_failed', 'We could not verify this sign-up. Complete the check and try again.'),
  );
