import { errorTraits, type NormalisedCustomer } from '@omise-signup/shared';
import { isProxyError, type ProxyError } from '../errors.ts';
import { errorBody, toProxyError } from '../http-error.ts';
import { type Claim, IDEMPOTENCY_TTL_MS, type IdempotencyStore, type StoredResponse } from '../idempotency.ts';
import type { Logger } from '../logger.ts';
import type { CallContext, CreateCustomerParams } from '../omise-client.ts';
import { claimKey, inProgress } from './claim.ts';
import { type ReconcileDeps, reconcile } from './reconcile.ts';

export interface IdempotentCreateDeps extends ReconcileDeps {
  store: IdempotencyStore;
  leaseMs: number;
  inFlightWaitMs: number;
}

export interface CreateAttempt {
  key: string;
  fingerprint: string;
  requestId: string;
  /** What to send to Omise; built only when a create is needed. */
  params(): Promise<CreateCustomerParams>;
  call: CallContext;
  /** True when the client has gone. */
  gone(): boolean;
}

/** A customer Omise has (created now, or found from an earlier attempt), or the key's stored answer. */
export type CreateOutcome = { customer: NormalisedCustomer } | { replay: StoredResponse };

/** How a claim ends: its answer kept, its outcome unknown (look before creating again), or the key freed. */
type Settlement = { keep: StoredResponse } | 'unknown' | 'release';

/**
 * Exactly one customer per Idempotency-Key: claim the key (or answer from it) → find what an
 * earlier attempt may have created → create only when nothing was found → settle the claim,
 * whatever happened, in the `finally`.
 */
export async function idempotentCreate(deps: IdempotentCreateDeps, attempt: CreateAttempt): Promise<CreateOutcome> {
  const wait = { deadline: Date.now() + deps.inFlightWaitMs, gone: attempt.gone };
  const held = await claimKey(deps.store, attempt.key, attempt.fingerprint, deps.leaseMs, wait);
  if ('answer' in held) return { replay: held.answer };
  const { claim } = held;
  let sent = false;
  let settlement: Settlement = 'release';
  try {
    let customer = claim.reconcile ? await reconcile(deps, claim, attempt.call) : undefined;
    if (customer === undefined) {
      const params = await attempt.params();
      // A long reconciliation may have outlived the lease: create only while the key is still ours.
      if (claim.reconcile && !(await deps.store.renew(claim, deps.leaseMs))) throw takenOver(attempt.call.logger);
      sent = true;
      customer = await createOrFind(deps, claim, params, attempt.call);
    }
    // Omise has the customer now: whatever happens to the record, the shopper gets it.
    settlement = { keep: { status: 201, body: customer } };
    return { customer };
  } catch (error) {
    settlement = settlementFor(toProxyError(error), sent, claim, attempt.requestId);
    throw error;
  } finally {
    await settle(deps.store, claim, settlement, attempt.call.logger);
  }
}

/** A `used_token` after an unknown outcome: that attempt used the token, so its customer is looked for again. */
async function createOrFind(deps: IdempotentCreateDeps, claim: Claim, params: CreateCustomerParams, call: CallContext) {
  try {
    return await deps.omise.createCustomer(params, call);
  } catch (error) {
    if (!claim.reconcile || !isProxyError(error) || error.code !== 'used_token') throw error;
    const found = await reconcile(deps, claim, call);
    if (found === undefined) throw error;
    return found;
  }
}

/** Omise's final refusals are kept; a create sent and not proven refused may have happened. */
function settlementFor(error: ProxyError, sent: boolean, claim: Claim, requestId: string): Settlement {
  if (errorTraits(error.code).final) return { keep: { status: error.status, body: errorBody(error, requestId) } };
  const maybeCreated = sent && error.outcome !== 'not_sent' && error.outcome !== 'refused';
  return maybeCreated || claim.reconcile ? 'unknown' : 'release';
}

async function settle(store: IdempotencyStore, claim: Claim, settlement: Settlement, log: Logger | undefined) {
  try {
    const held =
      settlement === 'release'
        ? await store.release(claim)
        : settlement === 'unknown'
          ? await store.markUnknown(claim, IDEMPOTENCY_TTL_MS)
          : await store.complete(claim, settlement.keep, IDEMPOTENCY_TTL_MS);
    if (!held) log?.warn({ settlement: kindOf(settlement) }, 'the idempotency claim was taken over before it settled');
  } catch (storeError) {
    // A repeat finds the claim stale once its lease is over, and reconciles first.
    log?.error(
      { settlement: kindOf(settlement), code: toProxyError(storeError).code },
      'could not settle the idempotency record',
    );
  }
}

const kindOf = (settlement: Settlement) => (typeof settlement === 'string' ? settlement : 'keep');

function takenOver(log: Logger | undefined): ProxyError {
  log?.warn('another request took this Idempotency-Key over while this one reconciled; not creating');
  return inProgress();
}
