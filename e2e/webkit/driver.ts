import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { remote } from 'webdriverio';

/** Debian's WebKitGTK browser for automation (package webkit2gtk-driver). */
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const STARTUP_MS = 20_000;

export interface WebKit {
  browser: WebdriverIO.Browser;
  /** WebKitGTK's version, as the driver reports it (`2.50.6`). */
  version: string;
  close(): Promise<void>;
}

/** A free loopback port, found now (the OS picks it) and handed to a process that binds it next. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `check` does, polling; rejects when `process` exits first or time runs out. */
async function until(what: string, child: ChildProcess, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what}: the process exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${STARTUP_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Xvfb on a display it picks itself (`-displayfd`), so parallel runs never race for a number. */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1600x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  xvfb.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${errors.join('')}`)), STARTUP_MS);
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    xvfb.once('error', (error) => reject(new Error(`Xvfb could not run (apt-get install xvfb): ${error.message}`)));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${errors.join('')}`)));
  });
  return { display, process: xvfb };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts WebKitGTK's MiniBrowser under its own Xvfb and WebKitWebDriver in front of it, each on
 * a loopback port found free at run time, and opens a classic WebDriver session
 * (shared/reference/engines.md: Playwright's WebKit cannot drive MiniBrowser).
 */
export async function startWebKit(): Promise<WebKit> {
  const started: ChildProcess[] = [];
  // Should the test process end without after() (an uncaught error), take the browser with it.
  const orphans = () => {
    for (const child of started) child.kill('SIGKILL');
  };
  process.once('exit', orphans);
  const stopAll = async () => {
    for (const child of [...started].reverse()) await stop(child);
    process.off('exit', orphans);
  };
  try {
    const xvfb = await startXvfb();
    started.push(xvfb.process);
    const inspectorPort = await freePort();
    const minibrowser = spawn(MINIBROWSER, ['--automation'], {
      stdio: 'ignore',
      env: {
        ...process.env,
        DISPLAY: xvfb.display,
        WEBKIT_INSPECTOR_SERVER: `127.0.0.1:${inspectorPort}`,
        // The widget dates the result in the shopper's zone, as the Playwright projects set it.
        TZ: 'Asia/Bangkok',
        LANG: 'en_GB.UTF-8',
      },
    });
    started.push(minibrowser);
    await until('MiniBrowser', minibrowser, () => accepts(inspectorPort));

    const driverPort = await freePort();
    const driver = spawn('WebKitWebDriver', [`--port=${driverPort}`, `--target=127.0.0.1:${inspectorPort}`], {
      stdio: 'ignore',
    });
    started.push(driver);
    await until('WebKitWebDriver', driver, async () => {
      const status = await fetch(`http://127.0.0.1:${driverPort}/status`);
      return ((await status.json()) as { value?: { ready?: boolean } }).value?.ready === true;
    });

    const browser = await remote({
      hostname: '127.0.0.1',
      port: driverPort,
      path: '/',
      logLevel: 'error',
      connectionRetryCount: 0,
      capabilities: {
        browserName: 'MiniBrowser',
        // Without it webdriverio asks for BiDi, which WebKitWebDriver does not offer.
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      } as WebdriverIO.Capabilities,
    });
    // Tall enough for the whole form: WebKit's element screenshots show only what is in the viewport.
    await browser.setWindowSize(1100, 1400);
    return {
      browser,
      version: String(browser.capabilities.browserVersion ?? ''),
      async close() {
        await browser.deleteSession().catch(() => undefined);
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
