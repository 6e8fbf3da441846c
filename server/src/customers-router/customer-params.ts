import type { CreateCustomerRequest } from '@omise-signup/shared';
import type { Request } from 'express';
import type { CreateCustomerParams } from '../omise-client.ts';
import type { CustomersRouterOptions } from './options.ts';

/**
 * What is sent to Omise for one signup, built in this one place: the browser's checked fields, the
 * merchant's `customerFields` over them, and the Idempotency-Key in `metadata` for reconciliation.
 */
export async function customerParams(
  req: Request,
  input: CreateCustomerRequest,
  key: string | undefined,
  customerFields: CustomersRouterOptions['customerFields'],
): Promise<CreateCustomerParams> {
  const server = (await customerFields?.(req, input)) ?? {};
  const metadata = { ...server.metadata, ...(key ? { idempotency_key: key } : {}) };
  return {
    email: input.email,
    description: server.description ?? input.description,
    card: input.card,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}
