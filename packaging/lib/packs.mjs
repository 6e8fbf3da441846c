// The workspace's publishable packages, packed as `pnpm publish` would pack them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (this file is packaging/lib/packs.mjs). */
export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * @typedef {{ name: string, version: string, dir: string, manifest: Record<string, any> }} WorkspacePackage
 * @typedef {WorkspacePackage & { tarball: string }} PackedPackage
 */

/** Every package pnpm-workspace.yaml lists that is not `"private": true`, in that order. */
export function publishablePackages(root = ROOT) {
  const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const dirs = [...workspace.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((match) => join(root, String(match[1])));
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return /** @type {WorkspacePackage} */ ({ name: manifest.name, version: manifest.version, dir, manifest });
    })
    .filter((pkg) => !pkg.manifest.private);
}

/**
 * `pnpm pack` of every publishable package into `dest`. The packages must be built: a package
 * whose dist/ is missing fails here with the command that fixes it, rather than packing a
 * tarball with nothing in it.
 * @param {string} dest
 * @returns {PackedPackage[]}
 */
export function packAll(dest, root = ROOT) {
  mkdirSync(dest, { recursive: true });
  return publishablePackages(root).map((pkg) => {
    if (!existsSync(join(pkg.dir, 'dist'))) {
      throw new Error(`${pkg.name} is not built (no ${join(pkg.dir, 'dist')}): run pnpm -r build first`);
    }
    const tarball = join(dest, `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`);
    rmSync(tarball, { force: true });
    const result = spawnSync('pnpm', ['pack', '--pack-destination', dest], { cwd: pkg.dir, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(
        `pnpm pack failed in ${pkg.dir}:\n${result.error?.message ?? ''}${result.stdout}${result.stderr}`,
      );
    }
    if (!existsSync(tarball)) throw new Error(`pnpm pack in ${pkg.dir} did not write ${tarball}`);
    return { ...pkg, tarball };
  });
}
