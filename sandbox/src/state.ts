import { KeyRing } from './auth.ts';
import { FaultTable } from './faults.ts';
import { createIdGenerator, type IdPrefix } from './ids.ts';
import { RequestLog } from './request-log.ts';
import { Store } from './store.ts';

/** Everything both listeners share: Omise state, faults, the request log, keys, clock. */
export interface SandboxState {
  readonly store: Store;
  readonly faults: FaultTable;
  readonly log: RequestLog;
  readonly keys: KeyRing;
  readonly now: () => Date;
  readonly newId: (prefix: IdPrefix) => string;
  /** Where tokens say they live; set once the vault listens. */
  vaultUrl: string;
  /** Pending latency timers, cleared on close so nothing fires into a closed server. */
  readonly timers: Set<NodeJS.Timeout>;
  /** Counts resets: a request held across one is dropped rather than run against the new state. */
  generation: number;
  reset(): void;
}

export interface StateOptions {
  secretKeys?: string[] | undefined;
  publicKeys?: string[] | undefined;
  now?: (() => Date) | undefined;
}

export function createState(options: StateOptions = {}): SandboxState {
  const now = options.now ?? (() => new Date());
  const store = new Store();
  const faults = new FaultTable();
  const log = new RequestLog();
  return {
    store,
    faults,
    log,
    keys: new KeyRing(options.secretKeys, options.publicKeys),
    now,
    newId: createIdGenerator(now),
    vaultUrl: '',
    timers: new Set(),
    generation: 0,
    reset() {
      store.reset();
      faults.clear();
      log.clear();
      // Requests still held by a latency fault belong to the state before the reset: they are
      // dropped when their delay ends (see listener.ts), never run against the fresh state.
      this.generation += 1;
    },
  };
}

/** Waits `ms`, or forever if the sandbox closes first (the socket is destroyed then anyway). */
export function delay(state: SandboxState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      resolve();
    }, ms);
    state.timers.add(timer);
  });
}
