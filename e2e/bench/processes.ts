import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface Service {
  name: string;
  url: string;
  /** A second URL when the service has one (the sandbox's vault). */
  extraUrl?: string;
  pid: number;
  stop(): Promise<void>;
}

const tsx = createRequire(import.meta.url).resolve('tsx');
const entry = fileURLToPath(new URL('./service.ts', import.meta.url));
const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));

/**
 * How `pnpm start` runs the proxy: the built JavaScript once the server package has one
 * (`dist/main.js`), until then its TypeScript through tsx, as `pnpm --filter … start` does.
 */
export function proxyCommand(): { args: string[]; built: boolean } {
  const built = `${serverDir}dist/main.js`;
  if (existsSync(built)) return { args: [built], built: true };
  return { args: ['--import', tsx, `${serverDir}src/main.ts`], built: false };
}

/** Starts one participant in its own Node process and waits for its `READY <url>` line. */
export function startService(name: string, env: Record<string, string> = {}): Promise<Service> {
  return spawnService(name, ['--import', tsx, entry, name], env, /READY (\S+)(?: (\S+))?/);
}

/** Starts the proxy as `pnpm start` runs it, on a free port, and waits for its listening line. */
export function startProxy(name: string, env: Record<string, string>): Promise<Service> {
  return spawnService(name, proxyCommand().args, { PORT: '0', HOST: '127.0.0.1', ...env }, /"url":"(http[^"]+)"/);
}

async function spawnService(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Service> {
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url, extraUrl] = await new Promise<[string, string | undefined]>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    child.stdout?.on('data', function onData(chunk: Buffer) {
      seen += chunk;
      const match = ready.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        // Keep draining stdout (the proxy logs a line per request) without holding it.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve([match[1], match[2]]);
      }
    });
  });
  return {
    name,
    url,
    ...(extraUrl ? { extraUrl } : {}),
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A loopback address (127.0.0.N) where `port` is free, for clients with no port option (the
 * official omise client calls :443, or :80 over http). Other work on the machine may hold the
 * usual ones, so it probes from a random N.
 */
export async function freeLoopback(port: number): Promise<string> {
  const start = 10 + Math.floor(Math.random() * 200);
  for (let i = 0; i < 200; i++) {
    const host = `127.0.0.${10 + ((start - 10 + i) % 240)}`;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, host, () => probe.close(() => resolve(true)));
    });
    if (free) return host;
  }
  throw new Error(`no 127.0.0.N has port ${port} free (binding below 1024 needs root or CAP_NET_BIND_SERVICE)`);
}

/** A port of 127.0.0.1 nothing listens on now, for a server whose URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
