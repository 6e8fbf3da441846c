import { type CreateCustomerRequest, cardNumberPath } from '@omise-signup/shared';
import type { Request } from 'express';
import { ProxyError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { CreateCustomerParams } from '../omise-client.ts';
import type { CustomersRouterOptions } from './options.ts';

/**
 * What is sent to Omise for one signup, built in this one place: the browser's checked fields, the
 * merchant's `customerFields` over them, and the Idempotency-Key in `metadata` for reconciliation.
 * The browser's fields and the key were checked for card numbers on the way in; what the merchant's
 * hook returns is checked here, and when it holds one nothing is sent: the request fails as our
 * own error (`internal_error`, not the shopper's fault) and the log tells the operator where.
 */
export async function customerParams(
  req: Request,
  input: CreateCustomerRequest,
  key: string | undefined,
  customerFields: CustomersRouterOptions['customerFields'],
  log: Logger | undefined,
): Promise<CreateCustomerParams> {
  const server = (await customerFields?.(req, input)) ?? {};
  // What of it is sent: the rest of what a hook written in JavaScript may return is not read.
  const where = cardNumberPath({ description: server.description, metadata: server.metadata });
  if (where !== null) {
    log?.error(
      { field: where },
      `OPERATOR ACTION NEEDED: the customerFields hook returned what looks like a card number (at ${where}); nothing was sent to Omise. Card numbers must never reach Omise: write a 13- to 19-digit id another way (base 36, say).`,
    );
    throw new ProxyError('internal_error', 'Something went wrong on our side. Try again.');
  }
  const metadata = { ...server.metadata, ...(key ? { idempotency_key: key } : {}) };
  return {
    email: input.email,
    description: server.description ?? input.description,
    card: input.card,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}
