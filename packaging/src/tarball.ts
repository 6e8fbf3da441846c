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

/**
 * The packages a tarball's `.d.ts` files import (`from '…'`, `import('…')`), by package name:
 * what a merchant's TypeScript must find to read those types. Relative imports are left out.
 */
export async function declarationImports(tarball: string): Promise<string[]> {
  const { stdout } = await exec('tar', ['-xzOf', tarball, '--wildcards', 'package/*.d.ts'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const code = stdout.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const names = new Set<string>();
  for (const [, specifier = ''] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)) {
    if (specifier.startsWith('.')) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
  }
  return [...names].sort();
}
