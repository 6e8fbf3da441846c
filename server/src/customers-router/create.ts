import type { RequestHandler } from 'express';
import type { Metrics } from '../metrics.ts';
import type { OmiseClient } from '../omise-client.ts';
import { contextOf } from './context.ts';
import { customerParams } from './customer-params.ts';
import { type IdempotentCreateDeps, idempotentCreate } from './idempotent-create.ts';
import type { CustomersRouterOptions } from './options.ts';
import { sendReplay } from './replay.ts';

export interface CreateDeps extends IdempotentCreateDeps {
  omise: OmiseClient;
  metrics: Metrics | undefined;
  customerFields: CustomersRouterOptions['customerFields'];
  onCreated: CustomersRouterOptions['onCreated'];
}

/** The last step: the customer, exactly once per Idempotency-Key, answered 201; then the merchant's `onCreated`. */
export function createStep(deps: CreateDeps): RequestHandler {
  return async (req, res) => {
    const context = contextOf(req);
    const { scope, idempotency } = context;
    const call = { logger: scope.log, onUpstreamMs: (ms: number) => scope.upstreamMs.push(ms) };
    const params = () => customerParams(req, context.input ?? {}, idempotency?.key, deps.customerFields, scope.log);
    const outcome = idempotency
      ? await idempotentCreate(deps, {
          ...idempotency,
          requestId: scope.id,
          params,
          call,
          gone: () => req.socket.destroyed,
        })
      : { customer: await deps.omise.createCustomer(await params(), call) };
    if ('replay' in outcome) {
      sendReplay(res, outcome.replay, deps.metrics);
      return context.done();
    }
    res.status(201).json(outcome.customer);
    context.done();
    try {
      await deps.onCreated?.(outcome.customer, req);
    } catch (error) {
      scope.log?.error(
        { err: error, customer: outcome.customer.id },
        'onCreated hook failed after the customer was created',
      );
    }
  };
}
