import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, type AppDeps, createApp } from './app.ts';
import type { Config } from './config.ts';
import { answerTransportErrors } from './transport-errors.ts';

export interface RunningServer {
  app: App;
  url: string;
  /** Stops accepting, lets in-flight requests finish within the bound, then frees everything. */
  close(): Promise<void>;
}

/**
 * Starts the proxy on `config.host:config.port` (0 = a free port). A client gets
 * `config.headersTimeoutMs` for its headers and `config.requestTimeoutMs` for the whole request,
 * counted from its first byte or, before any, from connecting; malformed requests are answered in
 * JSON (transport-errors.ts). Connections per client IP are the reverse proxy's to cap: behind
 * one, every socket here comes from its address.
 */
export async function startServer(config: Config, deps: AppDeps = {}): Promise<RunningServer> {
  const app = createApp(config, deps);
  const server = createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Node checks those timeouts only this often (30 s by default): a quarter of the headers' time, at most 1 s.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
    },
    app,
  );
  answerTransportErrors(server, app.locals.logger);
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // Node's defaults close keep-alive sockets after 5 s; a load balancer in front wants longer. The
  // headers timeout runs only while a request is arriving, so it may be shorter than this.
  server.keepAliveTimeout = 65_000;
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  // Once closing, every answer ends its connection, so keep-alive clients let go as their
  // in-flight requests finish instead of holding the server open until the deadline.
  server.on('request', (_req, res) => {
    if (closing) res.setHeader('Connection', 'close');
  });
  return {
    app,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
        server.closeIdleConnections();
        await closed;
        clearInterval(sweep);
        clearTimeout(deadline);
        await app.close();
      })();
      return closing;
    },
  };
}
