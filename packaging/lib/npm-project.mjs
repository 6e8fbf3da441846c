// A merchant's project: a folder in the system's temp dir, outside the workspace, installed
// with npm from the packed tarballs and the npm registry, and run with plain node.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a merchant's shell has; nothing of the workspace's pnpm, tsx or TypeScript. */
const TOOLS = ['node', 'npm', 'npx', 'curl', 'sh'];

/**
 * A PATH with only node, npm, npx, curl and sh on it (symlinks in `dir`), so nothing run in
 * the project can reach pnpm, tsx or tsc by accident.
 * @param {string} dir
 */
export function merchantPath(dir) {
  mkdirSync(dir, { recursive: true });
  for (const tool of TOOLS) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (!found) throw new Error(`${tool} is not on PATH; the install test needs it`);
    symlinkSync(found, join(dir, tool));
  }
  return dir;
}

/**
 * The environment for commands in the project: this process's, less what pnpm and vitest put
 * there for their own children (`npm_*` settings would steer npm, NODE_OPTIONS and NODE_ENV
 * would change how node runs), with the restricted PATH.
 * @param {string} path
 * @param {Record<string, string>} [extra]
 */
export function merchantEnv(path, extra = {}) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|pnpm_|PNPM_|VITEST|NODE_OPTIONS$|NODE_ENV$|TEST$|INIT_CWD$)/i.test(key))
      continue;
    env[key] = value;
  }
  return { ...env, PATH: path, ...extra };
}

/**
 * A new folder under the temp dir holding `package.json` (private, ESM) and a `bin/` of tools.
 * @param {string} prefix
 * @param {Record<string, unknown>} [manifest]
 */
export function createProject(prefix, manifest = {}) {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const dir = join(base, 'shop');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'shop', private: true, type: 'module', ...manifest }, null, 2)}\n`,
  );
  const path = merchantPath(join(base, 'bin'));
  return {
    base,
    dir,
    path,
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

/**
 * Runs a command to completion; throws with its output when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string>, timeoutMs?: number }} options
 */
export function run(command, args, { cwd, env, timeoutMs = 300_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}:\n${output}`));
    });
  });
}

/**
 * `npm install` in the project, quietly and without audit or funding requests (the registry
 * is the only host it talks to).
 * @param {string} dir
 * @param {string[]} specs tarball paths and `name@version`s
 * @param {Record<string, string>} env
 */
export function npmInstall(dir, specs, env) {
  return run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, env });
}
