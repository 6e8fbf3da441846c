// Which hop the signup was waiting on, and for how long: from the relays' records of one signup,
// the time each hop was busy between the click and the rendered customer, the connections it
// opened and the round trips it spent, and a timeline of who held the critical path.
import type { RelayConnection } from './relay.ts';

export type Interval = readonly [from: number, to: number];

/** Sorted, non-overlapping intervals covering the same time. */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

export const duration = (intervals: readonly Interval[]) =>
  union(intervals).reduce((sum, [from, to]) => sum + (to - from), 0);

/** The parts of `a` that `b` does not cover. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cuts = union(b);
  const out: Interval[] = [];
  for (let [from, to] of union(a)) {
    for (const [cutFrom, cutTo] of cuts) {
      if (cutTo <= from || cutFrom >= to) continue;
      if (cutFrom > from) out.push([from, cutFrom]);
      from = Math.max(from, cutTo);
      if (from >= to) break;
    }
    if (from < to) out.push([from, to]);
  }
  return out;
}

export interface HopActivity {
  /** When the hop had a request (or a handshake) in flight, clipped to the window. */
  intervals: Interval[];
  ms: number;
  /** Connections the client opened in the window. */
  newConnections: number;
  /** Round trips in the window: client flights, plus one TCP handshake per new connection when modelled. */
  roundTrips: number;
}

/**
 * What one hop did between `from` and `to`. A connection is busy from the start of each client
 * flight (from its opening, for a connection opened in the window) until the last byte of the
 * answer reached the client.
 */
export function hopActivity(
  connections: readonly RelayConnection[],
  from: number,
  to: number,
  options: { tcpHandshake: boolean },
): HopActivity {
  const intervals: Interval[] = [];
  let newConnections = 0;
  let flights = 0;
  for (const connection of connections) {
    const opened = connection.openedAt >= from && connection.openedAt <= to;
    if (opened) newConnections += 1;
    const chunks = [...connection.chunks].sort((a, b) => a.arrivedAt - b.arrivedAt);
    let start: number | null = null;
    let end = 0;
    let last: 'up' | 'down' | null = null;
    let first = true;
    const close = () => {
      if (start !== null) intervals.push([Math.max(start, from), Math.min(end, to)]);
    };
    for (const chunk of chunks) {
      if (chunk.dir === 'up' && last !== 'up') {
        close();
        start = null;
        if (chunk.arrivedAt >= from && chunk.arrivedAt <= to) {
          flights += 1;
          start = first && opened ? connection.openedAt : chunk.arrivedAt;
          end = chunk.releasedAt;
        }
        first = false;
      }
      if (start !== null) end = Math.max(end, chunk.releasedAt);
      last = chunk.dir;
    }
    close();
  }
  const merged = union(intervals);
  return {
    intervals: merged,
    ms: duration(merged),
    newConnections,
    roundTrips: flights + (options.tcpHandshake ? newConnections : 0),
  };
}

export interface Segment {
  hop: string;
  from: number;
  to: number;
}

/**
 * The window cut into consecutive segments, each given to the first layer busy then (list inner
 * hops first: the API call happens inside the proxy's request), or to `idle` when none is.
 */
export function timeline(
  from: number,
  to: number,
  layers: readonly { hop: string; intervals: readonly Interval[] }[],
  idle: string,
): Segment[] {
  const edges = new Set([from, to]);
  for (const layer of layers) {
    for (const [a, b] of layer.intervals) {
      if (a > from && a < to) edges.add(a);
      if (b > from && b < to) edges.add(b);
    }
  }
  const points = [...edges].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const mid = (a + b) / 2;
    const hop = layers.find((layer) => layer.intervals.some(([x, y]) => x <= mid && mid <= y))?.hop ?? idle;
    const last = segments.at(-1);
    if (last?.hop === hop) last.to = b;
    else segments.push({ hop, from: a, to: b });
  }
  return segments;
}
