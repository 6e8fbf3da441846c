import { ProxyError } from '../errors.ts';
import {
  type Claim,
  canTakeOver,
  type IdempotencyRecord,
  type IdempotencyStore,
  type StoredResponse,
} from '../idempotency.ts';

/** How long a request waits while another one runs with its key, and when to stop waiting. */
export interface KeyWait {
  deadline: number;
  /** True when the client has gone: nobody would read the answer. */
  gone(): boolean;
}

const RUNNING = 'running';

/** Another request holds the key: the caller may try again in a moment. */
export const inProgress = () =>
  new ProxyError('request_in_progress', 'This request is still being processed. Wait a moment and try again.', {
    retryAfterSeconds: 1,
  });

/** A record's answer for a request with `fingerprint`: the stored answer, or `running`; another body is a conflict. */
function answerOf(record: IdempotencyRecord, fingerprint: string): { answer: StoredResponse } | typeof RUNNING {
  if (record.fingerprint !== fingerprint) {
    throw new ProxyError(
      'idempotency_conflict',
      'This Idempotency-Key was already used with a different request. Use a new key for new data.',
    );
  }
  return record.state === 'done' ? { answer: record.response } : RUNNING;
}

/** Asks `look` again every 20 ms while another request runs with the key (here or on another instance). */
async function whileRunning<T>(look: () => Promise<T | typeof RUNNING>, wait: KeyWait): Promise<T> {
  for (;;) {
    const state = await look();
    if (state !== RUNNING) return state;
    if (wait.gone() || Date.now() >= wait.deadline) throw inProgress();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Looks at the key without claiming it: the first request's answer, or free (nothing to answer from yet). */
export function lookUpKey(
  store: IdempotencyStore,
  key: string,
  fingerprint: string,
  wait: KeyWait,
): Promise<{ answer: StoredResponse } | { free: true }> {
  return whileRunning(async () => {
    const record = await store.get(key);
    if (record === undefined || canTakeOver(record, fingerprint, Date.now())) return { free: true } as const;
    return answerOf(record, fingerprint);
  }, wait);
}

/** Claims the key, or answers with what the first request with it answered. */
export function claimKey(
  store: IdempotencyStore,
  key: string,
  fingerprint: string,
  leaseMs: number,
  wait: KeyWait,
): Promise<{ claim: Claim } | { answer: StoredResponse }> {
  return whileRunning(async () => {
    const result = await store.claim(key, fingerprint, leaseMs);
    return result.claimed ? { claim: result.claim } : answerOf(result.record, fingerprint);
  }, wait);
}
