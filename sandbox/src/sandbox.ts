import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import { apiRoutes } from './api.ts';
import { DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY } from './auth.ts';
import { createListenerApp } from './listener.ts';
import { errorBody } from './omise-error.ts';
import { OMISE_JS_PATH } from './omise-js.ts';
import { createState, type SandboxState } from './state.ts';
import { vaultRoutes } from './vault.ts';

export interface SandboxOptions {
  /** Default 4010; 0 picks a free port. */
  apiPort?: number;
  /** Default 4011; 0 picks a free port. */
  vaultPort?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Overrides `host` for the API (the omise client has no port option, so its tests bind :80 on 127.0.0.2). */
  apiHost?: string;
  /** Overrides `host` for the vault. */
  vaultHost?: string;
  /** Accepted secret keys; default: any `skey_test_…`. */
  secretKeys?: string[];
  /** Accepted public keys; default: any `pkey_test_…`. */
  publicKeys?: string[];
  /** The clock, for tests. */
  now?: () => Date;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:4010 (no trailing slash). */
  apiUrl: string;
  /** e.g. http://127.0.0.1:4011. */
  vaultUrl: string;
  /** `${vaultUrl}/omise.js`. */
  omiseJsUrl: string;
  /** A secret key the API accepts. */
  secretKey: string;
  /** A public key the vault accepts. */
  publicKey: string;
  /** Clears customers, tokens, faults and the request log (as `POST /__sandbox/reset`). */
  reset(): void;
  /** Closes both listeners, destroying open and hung connections, so it never waits on a client. */
  close(): Promise<void>;
}

export const DEFAULT_API_PORT = 4010;
export const DEFAULT_VAULT_PORT = 4011;
export const DEFAULT_HOST = '127.0.0.1';

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) =>
      reject(new Error(`sandbox could not listen on ${host}:${port}: ${error.message}`));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${hostname}:${address.port}`);
    });
  });
}

/**
 * Requests Node's parser refuses (broken framing, oversized headers) get Omise's error object too,
 * not Node's bare 400.
 */
function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(errorBody('bad_request', 'malformed HTTP request'));
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export interface SandboxApps {
  /** The API listener's request handler (customers; secret key). */
  api: Express;
  /** The vault listener's request handler (tokens, `/omise.js`; public key). */
  vault: Express;
  /** Where the vault is reachable, for the absolute `location` of tokens. */
  setVaultUrl(url: string): void;
  reset(): void;
}

function appsFor(state: SandboxState): SandboxApps {
  return {
    api: createListenerApp({ target: 'api', state, keyKind: 'secret', cors: false, routes: apiRoutes }),
    vault: createListenerApp({
      target: 'vault',
      state,
      keyKind: 'public',
      cors: true,
      publicPaths: [OMISE_JS_PATH],
      routes: vaultRoutes,
    }),
    setVaultUrl: (url) => {
      state.vaultUrl = url;
    },
    reset: () => state.reset(),
  };
}

/**
 * The two request handlers without listening, sharing one state, for mounting in a server of your
 * own; `startSandbox` is the usual way in. Faults that reset or hang need a real socket either way.
 */
export function createSandboxApps(options: Pick<SandboxOptions, 'secretKeys' | 'publicKeys' | 'now'> = {}) {
  return appsFor(createState(options));
}

/**
 * Starts the Omise emulator: the API (customers, secret key) and the vault (tokens and `/omise.js`,
 * public key), sharing one in-memory state.
 * @example
 * const sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
 * // … OMISE_API_URL=sandbox.apiUrl, OMISE_SECRET_KEY=sandbox.secretKey …
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = createState(options);
  const apps = appsFor(state);
  const apiServer = createServer(apps.api);
  const vaultServer = createServer(apps.vault);
  answerClientErrors(apiServer);
  answerClientErrors(vaultServer);
  const host = options.host ?? DEFAULT_HOST;
  const close = async () => {
    for (const timer of state.timers) clearTimeout(timer);
    state.timers.clear();
    await Promise.all([closeServer(apiServer), closeServer(vaultServer)]);
  };
  try {
    const [apiUrl, vaultUrl] = await Promise.all([
      listen(apiServer, options.apiPort ?? DEFAULT_API_PORT, options.apiHost ?? host),
      listen(vaultServer, options.vaultPort ?? DEFAULT_VAULT_PORT, options.vaultHost ?? host),
    ]);
    state.vaultUrl = vaultUrl;
    return {
      apiUrl,
      vaultUrl,
      omiseJsUrl: `${vaultUrl}${OMISE_JS_PATH}`,
      secretKey: options.secretKeys?.[0] ?? DEFAULT_SECRET_KEY,
      publicKey: options.publicKeys?.[0] ?? DEFAULT_PUBLIC_KEY,
      reset: () => state.reset(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
