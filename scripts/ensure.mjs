// Brings a fresh clone to a runnable state with only Node and npm to start from: the
// workspace's packages (pnpm), and the Debian packages the browser, Redis and install tests use.
// Dependency-free on purpose: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The pnpm that runs us (`pnpm start`, `npx pnpm@12.4.2 start`), else the one on PATH. */
export function pnpmCommand() {
  const exec = process.env.npm_execpath;
  return exec && /pnpm/.test(exec) && !exec.endsWith('.cjs') && !exec.endsWith('.js') ? exec : 'pnpm';
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  return result.status ?? 1;
}

/** `pnpm install --frozen-lockfile` when node_modules is missing or older than the lockfile. */
export function ensureInstalled(root) {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (pnpm install --frozen-lockfile)…');
  if (run(pnpmCommand(), ['install', '--frozen-lockfile'], { cwd: root }) !== 0) {
    throw new Error('pnpm install failed; see above.');
  }
}

const SYSTEM_PACKAGES = [
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { name: 'redis-server', present: () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0 },
  // The pack-and-install test talks to the installed packages with curl, as a merchant would.
  { name: 'curl', present: () => spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0 },
];

/** Installs Debian's chromium and redis-server when missing (root only; else says how). */
export function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`The tests need ${missing.join(' and ')}. Install them, e.g.: sudo ${command}`);
  }
  console.log(`Installing ${missing.join(' and ')} from Debian…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('sh', ['-c', `${command} >/dev/null`], { env }) !== 0) throw new Error(`${command} failed.`);
}
