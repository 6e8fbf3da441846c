import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The files in an npm tarball, relative to its `package/` folder. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await exec('tar', ['-tzf', tarball]);
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('package/') && !line.endsWith('/'))
    .map((line) => line.slice('package/'.length))
    .sort();
}

/** The fields of a packed package.json the tests read. */
export interface PackedManifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: Record<string, string>;
  repository?: { type?: string; url?: string; directory?: string };
  publishConfig?: Record<string, unknown>;
  exports?: unknown;
  bin?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The package.json inside an npm tarball: what npm installs, after pnpm rewrote it on pack. */
export async function tarballManifest(tarball: string): Promise<PackedManifest> {
  const { stdout } = await exec('tar', ['-xzOf', tarball, 'package/package.json']);
  return JSON.parse(stdout);
}
