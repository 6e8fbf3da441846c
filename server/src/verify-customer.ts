import { isCustomerId, type NormalisedCustomer, Timestamp } from '@omise-signup/shared';
import { isProxyError } from './errors.ts';
import { createOmiseClient, type OmiseClient, type OmiseClientOptions } from './omise-client.ts';

export interface VerifyCustomerOptions {
  /** An Omise client, or the options to create one (at least `secretKey`). */
  omise: OmiseClient | OmiseClientOptions;
  /** Refuse customers created longer ago than this. Default 3600 (an hour). */
  maxAgeSeconds?: number;
  /** Metadata the customer must carry, e.g. what your `customerFields` hook set. */
  metadata?: Record<string, unknown>;
  now?: () => Date;
}

export type VerifyCustomerResult =
  | { ok: true; customer: NormalisedCustomer }
  | { ok: false; reason: 'invalid_id' | 'not_found' | 'deleted' | 'too_old' | 'metadata_mismatch'; message: string };

/**
 * Checks a customer id that came from the browser before your server trusts it: it must
 * exist at Omise (fetched with your secret key), not be deleted, be recent, and carry the
 * metadata your server set. Upstream failures throw a ProxyError; a verdict never throws.
 * @example
 * const result = await verifyCustomer(req.body.omise_customer, { omise: { secretKey }, metadata: { user_id } });
 * if (!result.ok) return res.status(400).send(result.message);
 */
export async function verifyCustomer(id: unknown, options: VerifyCustomerOptions): Promise<VerifyCustomerResult> {
  if (!isCustomerId(id)) {
    return { ok: false, reason: 'invalid_id', message: 'The customer id is missing or malformed.' };
  }
  const owned = !('retrieveCustomer' in options.omise);
  const omise = 'retrieveCustomer' in options.omise ? options.omise : createOmiseClient(options.omise);
  try {
    let customer: NormalisedCustomer;
    try {
      customer = await omise.retrieveCustomer(id);
    } catch (error) {
      if (isProxyError(error) && error.code === 'not_found') {
        return { ok: false, reason: 'not_found', message: `Omise has no customer ${id}.` };
      }
      throw error;
    }
    // Only what is decided on is checked; whatever else the customer holds (or lacks) is not our concern.
    if (customer.id !== id) return { ok: false, reason: 'not_found', message: `Omise has no customer ${id}.` };
    if (customer.deleted === true) return { ok: false, reason: 'deleted', message: `Customer ${id} was deleted.` };
    const maxAge = options.maxAgeSeconds ?? 3600;
    const createdAt = Timestamp.safeParse(customer.created_at);
    if (!createdAt.success) {
      return { ok: false, reason: 'too_old', message: `Customer ${id} shows no creation time, so its age is unknown.` };
    }
    const ageSeconds = ((options.now?.() ?? new Date()).getTime() - Date.parse(createdAt.data)) / 1000;
    if (ageSeconds > maxAge) {
      return { ok: false, reason: 'too_old', message: `Customer ${id} was created more than ${maxAge} seconds ago.` };
    }
    const metadata = typeof customer.metadata === 'object' && customer.metadata !== null ? customer.metadata : {};
    for (const [key, value] of Object.entries(options.metadata ?? {})) {
      if (JSON.stringify(Reflect.get(metadata, key)) !== JSON.stringify(value)) {
        return {
          ok: false,
          reason: 'metadata_mismatch',
          message: `Customer ${id} does not carry the expected ${key}.`,
        };
      }
    }
    return { ok: true, customer };
  } finally {
    if (owned) omise.close();
  }
}
