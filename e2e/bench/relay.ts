// A TCP relay that makes loopback behave like a network: every chunk is held for a fixed one-way
// delay in each direction, in order, so a TLS handshake, a CORS preflight or a new connection costs
// the round trips it costs on the internet. It sees only bytes (TLS passes through it untouched),
// and records each connection's chunks so the bench can say which hop spent how many round trips.
import net from 'node:net';

/** One chunk as the relay saw it: when it arrived and when the relay passed it on. */
export interface RelayChunk {
  /** `up`: client → target; `down`: target → client. */
  dir: 'up' | 'down';
  bytes: number;
  /** Clock times in ms (see `RelayOptions.now`). */
  arrivedAt: number;
  releasedAt: number;
}

export interface RelayConnection {
  id: number;
  /** When the client connected. */
  openedAt: number;
  /** When both directions had ended or the connection was destroyed; null while open. */
  closedAt: number | null;
  chunks: RelayChunk[];
}

export interface RelayOptions {
  /** Where every accepted connection is forwarded. */
  target: { host: string; port: number };
  /** Listen address; default 127.0.0.1 and a free port. */
  host?: string;
  port?: number;
  /** Held in each direction; the round trip time is twice this. */
  oneWayMs: number;
  /**
   * Model TCP's own handshake too: a new connection's first bytes reach the target one round
   * trip later (SYN, SYN-ACK), as a fresh connection's do on the internet. Default true.
   */
  tcpHandshake?: boolean;
  /** The clock, in ms; default `performance.timeOrigin + performance.now()` (epoch, sub-ms). */
  now?: () => number;
}

export interface RelayStats {
  connections: number;
  /** Round trips the clients started: a run of client bytes after the target last spoke. */
  roundTrips: number;
  bytesUp: number;
  bytesDown: number;
}

export interface Relay {
  host: string;
  port: number;
  /** Every connection so far, oldest first. */
  readonly connections: readonly RelayConnection[];
  stats(): RelayStats;
  /** Forgets connections that have closed; open ones keep their records (they may be reused). */
  clear(): void;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Passes chunks on to `dest` no earlier than their release time, strictly in arrival order. An
 * `end` is queued like a chunk, so a half-close arrives after the bytes before it.
 */
class DelayedLane {
  #queue: { at: number; arrivedAt: number; chunk: Buffer | null }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #last = 0;

  constructor(
    private readonly dest: net.Socket,
    private readonly delayMs: number,
    private readonly now: () => number,
    /** No chunk is released before this time (the modelled TCP handshake). */
    private readonly notBefore: number,
    private readonly onRelease: (chunk: Buffer, arrivedAt: number, releasedAt: number) => void,
  ) {}

  /** Queues a chunk (`null` ends the lane). */
  push(chunk: Buffer | null) {
    const arrivedAt = this.now();
    const at = Math.max(arrivedAt + this.delayMs, this.notBefore, this.#last);
    this.#last = at;
    this.#queue.push({ at, arrivedAt, chunk });
    this.#schedule();
  }

  #schedule() {
    if (this.#timer || this.#queue.length === 0) return;
    const wait = Math.max(0, (this.#queue[0]?.at ?? 0) - this.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, wait);
  }

  #flush() {
    // Node's timers run on the loop's millisecond clock and can fire a fraction early.
    const due = this.now() + 0.5;
    let next = this.#queue[0];
    while (next && next.at <= due) {
      this.#queue.shift();
      if (this.dest.destroyed) return this.cancel();
      if (next.chunk === null) this.dest.end();
      else {
        this.dest.write(next.chunk);
        this.onRelease(next.chunk, next.arrivedAt, this.now());
      }
      next = this.#queue[0];
    }
    this.#schedule();
  }

  /** Drops what is queued, for a connection that is being torn down. */
  cancel() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
  }
}

/** Starts a delay relay in front of `target`. */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const now = options.now ?? epochNow;
  const d = options.oneWayMs;
  const tcp = options.tcpHandshake ?? true;
  let connections: RelayConnection[] = [];
  const open = new Set<net.Socket>();
  let nextId = 1;

  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const openedAt = now();
    const record: RelayConnection = { id: nextId++, openedAt, closedAt: null, chunks: [] };
    connections.push(record);
    const upstream = net.connect({ ...options.target, allowHalfOpen: true, noDelay: true });
    open.add(client);
    open.add(upstream);
    const log = (dir: RelayChunk['dir']) => (chunk: Buffer, arrivedAt: number, releasedAt: number) =>
      record.chunks.push({ dir, bytes: chunk.length, arrivedAt, releasedAt });
    // On the internet a client may send only after SYN → SYN-ACK (one round trip), and its bytes
    // then take one more one-way trip: they reach the target 3 × one-way after connect().
    const up = new DelayedLane(upstream, d, now, tcp ? openedAt + 3 * d : 0, log('up'));
    const down = new DelayedLane(client, d, now, 0, log('down'));

    let clientEnded = false;
    let upstreamEnded = false;
    const settle = () => {
      if (client.destroyed && upstream.destroyed && record.closedAt === null) record.closedAt = now();
    };
    const teardown = () => {
      up.cancel();
      down.cancel();
      client.destroy();
      upstream.destroy();
      settle();
    };
    client.on('data', (chunk: Buffer) => up.push(chunk));
    upstream.on('data', (chunk: Buffer) => down.push(chunk));
    client.on('end', () => {
      clientEnded = true;
      up.push(null);
    });
    upstream.on('end', () => {
      upstreamEnded = true;
      down.push(null);
    });
    // 'close' follows every error; handled there.
    client.on('error', () => {});
    upstream.on('error', () => {});
    // A side that closed without ending (a reset, a refused connect) takes the other down one
    // one-way trip later, dropping what was in flight, as a reset does.
    client.on('close', () => {
      open.delete(client);
      if (clientEnded) settle();
      else setTimeout(teardown, d);
    });
    upstream.on('close', () => {
      open.delete(upstream);
      if (upstreamEnded) settle();
      else setTimeout(teardown, d);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo;

  return {
    host: address.address,
    port: address.port,
    get connections() {
      return connections;
    },
    stats() {
      let roundTrips = 0;
      let bytesUp = 0;
      let bytesDown = 0;
      for (const connection of connections) {
        roundTrips += roundTripsOf(connection.chunks);
        for (const chunk of connection.chunks) {
          if (chunk.dir === 'up') bytesUp += chunk.bytes;
          else bytesDown += chunk.bytes;
        }
      }
      return { connections: connections.length, roundTrips, bytesUp, bytesDown };
    },
    clear() {
      connections = connections.filter((connection) => connection.closedAt === null);
    },
    close() {
      return new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}

/** Client flights: each run of client bytes that follows the target's bytes (or opens the connection). */
export function roundTripsOf(chunks: readonly RelayChunk[]): number {
  let count = 0;
  let last: RelayChunk['dir'] | null = null;
  // By arrival at the relay: that is the order in which the two ends spoke.
  for (const chunk of [...chunks].sort((a, b) => a.arrivedAt - b.arrivedAt)) {
    if (chunk.dir === 'up' && last !== 'up') count += 1;
    last = chunk.dir;
  }
  return count;
}
