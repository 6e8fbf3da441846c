import type { NormalisedCustomer } from '@omise-signup/shared';
import { ProxyError } from '../errors.ts';
import type { Claim } from '../idempotency.ts';
import type { Metrics } from '../metrics.ts';
import type { CallContext, OmiseClient } from '../omise-client.ts';

export interface ReconcileDeps {
  omise: OmiseClient;
  /** How far before the claim's start to look, for the difference between our clock and Omise's. */
  reconcileSkewMs: number;
  metrics: Metrics | undefined;
}

// Omise's largest page (docs /api-pagination); past this many pages the search is given up, unfinished.
const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

function idempotencyKeyOf(customer: NormalisedCustomer): unknown {
  const { metadata } = customer;
  return typeof metadata === 'object' && metadata !== null ? Reflect.get(metadata, 'idempotency_key') : undefined;
}

/** Omise's list bound: ISO 8601 in UTC, whole seconds (its timestamps have no finer grain). */
const listBound = (ms: number) => `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/**
 * Finds the customer an earlier attempt with this key created, when that attempt's answer was lost.
 * It looks through every customer created since the first such attempt started (less the clock
 * skew allowance), oldest first, a page at a time, matching `metadata.idempotency_key`. Oldest
 * first, because customers created meanwhile join the end and move no offset. A search it cannot
 * finish is an error, never "not found": not finding is what allows a second create.
 */
export async function reconcile(
  deps: ReconcileDeps,
  claim: Claim,
  call: CallContext,
): Promise<NormalisedCustomer | undefined> {
  const from = listBound(claim.since - deps.reconcileSkewMs);
  try {
    let offset = 0;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const list = await deps.omise.listCustomers({ from, order: 'chronological', limit: PAGE_SIZE, offset }, call);
      const found = list.customers.find((customer) => idempotencyKeyOf(customer) === claim.key);
      offset += list.received;
      const more = list.received > 0 && (list.total === undefined ? list.received >= PAGE_SIZE : offset < list.total);
      if (found || !more) {
        deps.metrics?.reconciliation(found ? 'found' : 'not_found');
        call.logger?.info(
          { found: found?.id ?? null, from, pages: page },
          'reconciled a create whose outcome was unknown',
        );
        return found;
      }
    }
    call.logger?.error({ from, pages: MAX_PAGES }, 'gave up reconciling: too many customers to look through');
    throw new ProxyError('upstream_unavailable', 'The payment service is unavailable. Try again in a moment.', {
      outcome: 'unknown',
    });
  } catch (error) {
    deps.metrics?.reconciliation('failed');
    throw error;
  }
}
