import { describe, expect, it } from 'vitest';
import { duration, hopActivity, subtract, timeline, union } from './critical-path.ts';
import type { RelayChunk, RelayConnection } from './relay.ts';

const up = (arrivedAt: number): RelayChunk => ({ dir: 'up', bytes: 100, arrivedAt, releasedAt: arrivedAt + 20 });
const down = (arrivedAt: number): RelayChunk => ({ dir: 'down', bytes: 100, arrivedAt, releasedAt: arrivedAt + 20 });
const connection = (id: number, openedAt: number, chunks: RelayChunk[]): RelayConnection => ({
  id,
  openedAt,
  closedAt: null,
  chunks,
});

describe('interval sums', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(
      union([
        [5, 8],
        [0, 2],
        [2, 3],
        [7, 10],
        [4, 4],
      ]),
    ).toEqual([
      [0, 3],
      [5, 10],
    ]);
    expect(
      duration([
        [0, 2],
        [1, 3],
      ]),
    ).toBe(3);
  });

  it('subtracts the covered parts, leaving the gaps', () => {
    expect(
      subtract(
        [[0, 10]],
        [
          [2, 4],
          [6, 7],
        ],
      ),
    ).toEqual([
      [0, 2],
      [4, 6],
      [7, 10],
    ]);
    expect(subtract([[0, 10]], [[-5, 20]])).toEqual([]);
    expect(subtract([[0, 10]], [])).toEqual([[0, 10]]);
  });
});

describe('a hop between click and render', () => {
  it('counts a fresh TLS connection as busy from its opening, with one round trip more for TCP', () => {
    // Opened at 100; ClientHello at 101; server flight back; Finished + request at 142; answer.
    const fresh = connection(1, 100, [up(101), down(122), up(142), down(163), down(164)]);
    expect(hopActivity([fresh], 90, 300, { tcpHandshake: true })).toEqual({
      intervals: [[100, 184]],
      ms: 84,
      newConnections: 1,
      roundTrips: 3,
    });
    expect(hopActivity([fresh], 90, 300, { tcpHandshake: false }).roundTrips).toBe(2);
  });

  it('leaves out what a reused connection did before the window, and the idle time between requests', () => {
    const warm = connection(1, 0, [up(1), down(22), up(200), down(221), up(400), down(421)]);
    const activity = hopActivity([warm], 150, 500, { tcpHandshake: true });
    expect(activity).toEqual({
      intervals: [
        [200, 241],
        [400, 441],
      ],
      ms: 82,
      newConnections: 0,
      roundTrips: 2,
    });
  });

  it('clips a request that outlasts the window', () => {
    const slow = connection(1, 0, [up(100), down(300)]);
    expect(hopActivity([slow], 50, 200, { tcpHandshake: false }).intervals).toEqual([[100, 200]]);
  });
});

describe('the critical path timeline', () => {
  it('gives each moment to the innermost busy hop and the rest to the browser', () => {
    const segments = timeline(
      0,
      100,
      [
        { hop: 'api', intervals: [[50, 70]] },
        { hop: 'proxy', intervals: [[40, 80]] },
        { hop: 'vault', intervals: [[10, 30]] },
      ],
      'browser',
    );
    expect(segments).toEqual([
      { hop: 'browser', from: 0, to: 10 },
      { hop: 'vault', from: 10, to: 30 },
      { hop: 'browser', from: 30, to: 40 },
      { hop: 'proxy', from: 40, to: 50 },
      { hop: 'api', from: 50, to: 70 },
      { hop: 'proxy', from: 70, to: 80 },
      { hop: 'browser', from: 80, to: 100 },
    ]);
  });
});
