import type { CreateCustomerRequest } from '@omise-signup/shared';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import { openScope, type RequestScope } from '../request-scope.ts';
import type { InFlight } from './in-flight.ts';

/** One signup request as the router's steps see it, opened once by the first step. */
export interface SignupContext {
  readonly scope: RequestScope;
  /** The body, once `validate` has checked it. */
  input: CreateCustomerRequest | undefined;
  /** The `Idempotency-Key` and the fingerprint of the body it came with, when there is one. */
  idempotency: { key: string; fingerprint: string } | undefined;
  /** Marks the request done with the store and Omise, for a graceful close; safe to call twice. */
  readonly done: () => void;
}

const contexts = new WeakMap<Request, SignupContext>();

/** The first step: the request's scope (id, logger) and its context, counted in flight. */
export function openContext(logger: Logger | undefined, inFlight: InFlight): RequestHandler {
  return (req, res, next) => {
    contexts.set(req, {
      scope: openScope(req, res, logger),
      input: undefined,
      idempotency: undefined,
      done: inFlight.enter(),
    });
    next();
  };
}

/** The context `openContext` opened for this request. */
export function contextOf(req: Request): SignupContext {
  const context = contexts.get(req);
  if (!context) throw new Error('The customers router read a request it never opened.');
  return context;
}
