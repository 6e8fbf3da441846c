import { randomBytes } from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Relay, roundTripsOf, startRelay } from './relay.ts';
import { makeCertificate } from './tls.ts';

const ONE_WAY = 25;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A TCP server that writes back whatever it reads. */
async function echoServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(resolve);
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

async function relayTo(port: number, tcpHandshake = false): Promise<Relay> {
  const relay = await startRelay({ target: { host: '127.0.0.1', port }, oneWayMs: ONE_WAY, tcpHandshake });
  cleanups.push(() => relay.close());
  return relay;
}

function connect(relay: Relay): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: relay.host, port: relay.port, noDelay: true }, () => resolve(socket));
    socket.once('error', reject);
    cleanups.push(async () => socket.destroy());
  });
}

/** Writes `data` and resolves with the time until as many bytes came back. */
function exchange(socket: net.Socket, data: Buffer): Promise<{ ms: number; echoed: Buffer }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const parts: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      parts.push(chunk);
      length += chunk.length;
      if (length >= data.length) {
        socket.off('data', onData);
        resolve({ ms: performance.now() - started, echoed: Buffer.concat(parts) });
      }
    };
    socket.on('data', onData);
    socket.write(data);
  });
}

describe('the delay relay', () => {
  it('holds each chunk for the one-way delay in each direction, so an exchange takes a round trip', async () => {
    const relay = await relayTo(await echoServer());
    const socket = await connect(relay);
    const { ms } = await exchange(socket, Buffer.from('ping'));
    // Never faster than the model; slower only by what a loaded machine adds.
    expect(ms).toBeGreaterThanOrEqual(2 * ONE_WAY - 1);
    const [connection] = relay.connections;
    for (const chunk of connection?.chunks ?? []) {
      expect(chunk.releasedAt - chunk.arrivedAt).toBeGreaterThanOrEqual(ONE_WAY - 0.5);
    }
    expect(connection?.chunks.map((chunk) => chunk.dir)).toEqual(['up', 'down']);
  });

  it('passes every byte through unchanged and in order, however it is split', async () => {
    const relay = await relayTo(await echoServer());
    const socket = await connect(relay);
    const data = randomBytes(512 * 1024);
    const done = exchange(socket, Buffer.alloc(0));
    // Many writes of odd sizes: the relay must not reorder or drop any of them.
    const echoed = new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      let length = 0;
      socket.on('data', (chunk: Buffer) => {
        parts.push(chunk);
        length += chunk.length;
        if (length === data.length) resolve(Buffer.concat(parts));
      });
    });
    for (let at = 0; at < data.length; at += 7919) socket.write(data.subarray(at, at + 7919));
    await done;
    expect((await echoed).equals(data)).toBe(true);
    const { bytesUp, bytesDown } = relay.stats();
    expect([bytesUp, bytesDown]).toEqual([data.length, data.length]);
  });

  it('counts connections and the round trips their clients start', async () => {
    const relay = await relayTo(await echoServer());
    const first = await connect(relay);
    await exchange(first, Buffer.from('one'));
    await exchange(first, Buffer.from('two'));
    await exchange(first, Buffer.from('three'));
    const second = await connect(relay);
    await exchange(second, Buffer.from('four'));
    await connect(relay);
    expect(relay.stats()).toMatchObject({ connections: 3, roundTrips: 4 });
    // Forgetting keeps the open connection that may be reused, and only that one.
    second.destroy();
    await vi.waitFor(() => expect(relay.connections[1]?.closedAt).not.toBeNull());
    relay.clear();
    expect(relay.stats().connections).toBe(2);
    expect(relay.connections.map((c) => c.id)).toEqual([1, 3]);
  });

  it('counts a round trip once however many chunks each side sends in it', () => {
    const chunk = (dir: 'up' | 'down', arrivedAt: number) => ({ dir, bytes: 1, arrivedAt, releasedAt: arrivedAt + 1 });
    // Listed out of order: arrival at the relay decides who spoke when.
    const chunks = [
      chunk('up', 1),
      chunk('down', 5),
      chunk('up', 2),
      chunk('up', 9),
      chunk('down', 12),
      chunk('down', 13),
    ];
    expect(roundTripsOf(chunks)).toBe(2);
    expect(roundTripsOf([chunk('down', 1), chunk('up', 2)])).toBe(1);
    expect(roundTripsOf([])).toBe(0);
  });

  it('makes a new connection pay for the TCP handshake: its first bytes arrive one round trip later', async () => {
    const relay = await relayTo(await echoServer(), true);
    const socket = await connect(relay);
    const first = await exchange(socket, Buffer.from('hello'));
    const second = await exchange(socket, Buffer.from('again'));
    expect(first.ms).toBeGreaterThanOrEqual(4 * ONE_WAY - 1);
    expect(second.ms).toBeGreaterThanOrEqual(2 * ONE_WAY - 1);
    // The handshake is the first exchange's extra round trip, not the second's.
    expect(first.ms - second.ms).toBeGreaterThan(ONE_WAY);
  });

  it('passes a half-close on after the bytes before it, and closes when the target does', async () => {
    const relay = await relayTo(await echoServer());
    const socket = await connect(relay);
    const ended = new Promise<number>((resolve) => socket.on('end', () => resolve(performance.now())));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const started = performance.now();
    socket.end('last words');
    // The echo server ends when its client does: the FIN travels there and back.
    expect((await ended) - started).toBeGreaterThanOrEqual(2 * ONE_WAY - 1);
    expect(Buffer.concat(received).toString()).toBe('last words');
  });

  it('closes the client when the target refuses the connection', async () => {
    const unused = net.createServer();
    await new Promise<void>((resolve) => unused.listen(0, '127.0.0.1', resolve));
    const port = (unused.address() as net.AddressInfo).port;
    await new Promise((resolve) => unused.close(resolve));
    const relay = await relayTo(port);
    const socket = await connect(relay);
    await new Promise((resolve) => socket.on('close', resolve));
    expect(relay.connections[0]?.closedAt).not.toBeNull();
  });

  it('lets a fresh TLS connection cost one round trip more than a reused one', async () => {
    const certificate = await makeCertificate(['127.0.0.1']);
    const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    cleanups.push(async () => server.closeAllConnections());
    const relay = await relayTo((server.address() as net.AddressInfo).port);
    const agent = new https.Agent({ keepAlive: true, ca: certificate.caCert });
    cleanups.push(async () => agent.destroy());
    const get = () =>
      new Promise<void>((resolve, reject) => {
        https
          .get({ host: relay.host, port: relay.port, path: '/', agent }, (res) => {
            res.resume();
            res.on('end', resolve);
          })
          .on('error', reject);
      });
    await get();
    const [fresh] = relay.connections;
    expect(roundTripsOf(fresh?.chunks ?? [])).toBe(2); // TLS 1.3 handshake, then the request
    await get();
    expect(relay.stats()).toMatchObject({ connections: 1, roundTrips: 3 });
  });
});
