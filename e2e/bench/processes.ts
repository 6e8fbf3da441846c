import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
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

/** Starts one participant in its own Node process and waits for its `READY <url>` line. */
export async function startService(name: string, env: Record<string, string> = {}): Promise<Service> {
  const child: ChildProcess = spawn(process.execPath, ['--import', tsx, entry, name], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url, extraUrl] = await new Promise<[string, string | undefined]>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    child.stdout?.on('data', function onData(chunk: Buffer) {
      seen += chunk;
      const match = /READY (\S+)(?: (\S+))?/.exec(seen);
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
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
