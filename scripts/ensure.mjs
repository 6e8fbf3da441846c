// Brings a fresh clone to a runnable state with only Node and npm to start from: the
// workspace's packages (pnpm), and the Debian packages the browser, Redis and install tests use.
// `node scripts/ensure.mjs` installs the Debian packages and prints the engines' versions.
// Dependency-free on purpose: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/** What a Debian package provides, to tell whether it is there without asking apt. */
const installed = (file) => () => existsSync(file);
const SYSTEM_PACKAGES = [
  { name: 'chromium', present: installed('/usr/bin/chromium') },
  { name: 'firefox-esr', present: installed('/usr/bin/firefox-esr') },
  // WebKitWebDriver; it brings libwebkit2gtk-4.1-0, which has the MiniBrowser it drives.
  { name: 'webkit2gtk-driver', present: installed('/usr/bin/WebKitWebDriver') },
  { name: 'xvfb', present: installed('/usr/bin/Xvfb') },
  // Thai and Japanese glyphs, so screenshots in those languages show text, not boxes.
  { name: 'fonts-thai-tlwg', present: installed('/usr/share/fonts/truetype/tlwg') },
  { name: 'fonts-noto-cjk', present: installed('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') },
  { name: 'redis-server', present: () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0 },
  // The pack-and-install test talks to the installed packages with curl, as a merchant would.
  { name: 'curl', present: () => spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0 },
];

/**
 * Installs what the browser and Redis tests need from Debian when it is missing (root only;
 * else says how): Chromium, Firefox ESR, WebKitGTK's driver and MiniBrowser, Xvfb, Thai and
 * CJK fonts, redis-server, curl. With recommends: WebKitGTK's include the Mesa drivers it renders with.
 */
export function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`The tests need ${missing.join(', ')}. Install them, e.g.: sudo ${command}`);
  }
  console.log(`Installing ${missing.join(', ')} from Debian…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('sh', ['-c', `${command} >/dev/null`], { env }) !== 0) throw new Error(`${command} failed.`);
}

function output(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : '';
}

/** The version of each browser engine and of Redis, one line each (Debian moves them with security updates). */
export function engineVersions() {
  // Debian's chromium wrapper prints a harmless shell warning before its version.
  const chromium = output('/usr/bin/chromium', ['--version'])
    .split('\n')
    .find((line) => line.startsWith('Chromium'));
  const webkit = output('dpkg-query', ['-W', `-f=\${Version}`, 'libwebkit2gtk-4.1-0']);
  return [
    chromium?.trim() ?? 'Chromium: not found',
    output('/usr/bin/firefox-esr', ['--version']).trim() || 'Firefox ESR: not found',
    webkit
      ? `WebKitGTK ${webkit.split('-')[0]} (MiniBrowser, WebKitWebDriver; Debian ${webkit})`
      : 'WebKitGTK: not found',
    output('redis-server', ['--version']).trim() || 'redis-server: not found',
  ];
}

// `node scripts/ensure.mjs`: what .ci/run calls before pnpm is there.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    ensureSystemPackages();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(engineVersions().join('\n'));
}
