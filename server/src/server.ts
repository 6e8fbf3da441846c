import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { type App, type AppDeps, createApp } from './app.ts';
import { createCardFrame } from './card-frame.ts';
import type { Config } from './config.ts';
import { answerTransportErrors } from './transport-errors.ts';

export interface RunningServer {
  app: App;
  url: string;
  /** Where widgets load the card frame from, when this server serves one or was told of one. */
  cardFrameUrl: string | undefined;
  /** Stops accepting, lets in-flight requests finish within the bound, then frees everything. */
  close(): Promise<void>;
}

async function listen(server: Server, port: number, host: string): Promise<string> {
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * Starts the proxy on `config.host:config.port` (0 = a free port) and, with `CARD_FRAME_PORT`,
 * the card frame on a port of its own: another origin than the page's, as the frame must be. A
 * client gets `config.headersTimeoutMs` for its headers and `config.requestTimeoutMs` for the
 * whole request, counted from its first byte or, before any, from connecting; malformed requests
 * are answered in JSON (transport-errors.ts). Connections per client IP are the reverse proxy's
 * to cap: behind one, every socket here comes from its address.
 */
export async function startServer(config: Config, deps: AppDeps = {}): Promise<RunningServer> {
  const options: ServerOptions = {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    // Node checks those timeouts only this often (30 s by default): a quarter of the headers' time, at most 1 s.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
  };
  // Both listen before either app exists: each needs the other's address (the frame the page's
  // origin for frame-ancestors, the page the frame's URL for GET /api/config).
  const server = createServer(options);
  const url = await listen(server, config.port, config.host);
  let frame: Server | undefined;
  let cardFrameUrl = config.cardFrameUrl;
  if (config.cardFrame) {
    frame = createServer(options);
    const frameUrl = new URL(await listen(frame, config.cardFrame.port, config.host));
    // On loopback the demo page is 127.0.0.1 and the frame localhost: another origin, another site.
    if (LOOPBACK.test(frameUrl.hostname)) frameUrl.hostname = 'localhost';
    cardFrameUrl ??= frameUrl.href;
    const page = new URL(url);
    const own = LOOPBACK.test(page.hostname) ? [page.origin, `http://localhost:${page.port}`] : [page.origin];
    const frameApp = express();
    frameApp.disable('x-powered-by');
    frameApp.use(
      createCardFrame({
        publicKey: config.publicKey ?? '',
        omiseJsUrl: config.omiseJsUrl,
        vaultUrl: config.vaultUrl,
        hostOrigins: config.cardFrame.ancestors ?? [...new Set([...own, ...config.allowedOrigins])],
        assetsDir: config.cardFrame.dir,
        fontOrigins: config.cardFrame.fontOrigins,
      }),
    );
    frame.on('request', frameApp);
  }
  const app = createApp(Object.freeze({ ...config, cardFrameUrl }), deps);
  server.on('request', app);
  answerTransportErrors(server, app.locals.logger);
  if (frame) answerTransportErrors(frame, app.locals.logger);
  // Node's defaults close keep-alive sockets after 5 s; a load balancer in front wants longer. The
  // headers timeout runs only while a request is arriving, so it may be shorter than this.
  server.keepAliveTimeout = 65_000;
  let closing: Promise<void> | undefined;
  // Once closing, every answer ends its connection, so keep-alive clients let go as their
  // in-flight requests finish instead of holding the server open until the deadline.
  server.on('request', (_req, res) => {
    if (closing) res.setHeader('Connection', 'close');
  });
  return {
    app,
    url,
    cardFrameUrl,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const frameClosed = new Promise<void>((resolve) => (frame ? frame.close(() => resolve()) : resolve()));
        frame?.closeAllConnections();
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
        server.closeIdleConnections();
        await Promise.all([closed, frameClosed]);
        clearInterval(sweep);
        clearTimeout(deadline);
        await app.close();
      })();
      return closing;
    },
  };
}
