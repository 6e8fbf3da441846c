#!/usr/bin/env node
// `pnpm start`: the demo. Installs and builds what is missing, starts the local Omise sandbox
// when no OMISE_SECRET_KEY is set, then the proxy serving the demo page (and the card frame on a
// second origin, http://localhost:3001), and prints the URL.
// Ctrl-C stops everything it started. With OMISE_* set, it uses them and no sandbox.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, pnpmCommand, run } from './ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const children = [];

function startBuilt(pkg, env) {
  // One plain node process per service, running the build (what the packages publish), so
  // signals reach it directly and nothing compiles TypeScript at run time.
  const cwd = join(root, pkg);
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${pkg} exited (${signal ?? code}); stopping the demo.`);
      stop(1);
    }
  });
  return child;
}

async function waitFor(url, what) {
  for (let i = 0; i < 200; i++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not come up at ${url}`);
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  ensureInstalled(root);
  console.log('Building (pnpm -r build)…');
  if (run(pnpmCommand(), ['-r', 'build'], { cwd: root }) !== 0) throw new Error('The build failed; see above.');
  const site = join(root, 'web', 'dist', 'demo');
  if (!existsSync(join(site, 'index.html'))) throw new Error(`The widget build made no ${site}/index.html.`);

  const env = {
    STATIC_DIR: site,
    PORT: process.env.PORT ?? '3000',
    HOST: process.env.HOST ?? '127.0.0.1',
    // The card fields live in a frame on another origin (localhost, not 127.0.0.1), out of the page's reach.
    CARD_FRAME_PORT: process.env.CARD_FRAME_PORT ?? '3001',
    CARD_FRAME_DIR: process.env.CARD_FRAME_DIR ?? join(root, 'web', 'dist', 'card-frame'),
  };
  if (!process.env.OMISE_SECRET_KEY) {
    const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
    const apiPort = process.env.SANDBOX_API_PORT ?? '4010';
    const vaultPort = process.env.SANDBOX_VAULT_PORT ?? '4011';
    startBuilt('sandbox', { SANDBOX_HOST: host, SANDBOX_API_PORT: apiPort, SANDBOX_VAULT_PORT: vaultPort });
    const vault = `http://${host}:${vaultPort}`;
    await waitFor(`${vault}/omise.js`, 'The sandbox');
    Object.assign(env, {
      // The sandbox's own default test keys (it takes any test key).
      OMISE_SECRET_KEY: 'skey_test_sandbox000000000000',
      OMISE_PUBLIC_KEY: 'pkey_test_sandbox000000000000',
      OMISE_API_URL: `http://${host}:${apiPort}`,
      OMISE_VAULT_URL: vault,
      OMISE_JS_URL: `${vault}/omise.js`,
    });
  }
  startBuilt('server', env);
  const url = `http://${env.HOST}:${env.PORT}`;
  await waitFor(`${url}/healthz`, 'The proxy');
  console.log(
    `\n  omise-signup demo: ${url}/ (card frame: ${process.env.CARD_FRAME_URL ?? `http://localhost:${env.CARD_FRAME_PORT}/`})\n  ${process.env.OMISE_SECRET_KEY ? 'Using your OMISE_* keys.' : 'Using the local Omise sandbox: try card 4242 4242 4242 4242, any future expiry, any code.'}\n  Ctrl-C stops it.\n`,
  );
} catch (error) {
  console.error(`\n${error.message}`);
  await stop(1);
}
