#!/usr/bin/env node
// `build` of shared, server, sandbox and testing, run in the package's folder: a clean dist/
// from `tsc -p tsconfig.build.json` (ESM JavaScript and .d.ts, one file per module, as the
// source is laid out), then the declarations finished (see declarations.mjs). Cleaning first
// means a module deleted from src/ cannot linger in dist/ and in the published tarball.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { rewriteTsSpecifiers } from './declarations.mjs';

const cwd = process.cwd();
rmSync(join(cwd, 'dist'), { recursive: true, force: true });
// `tsc` is the workspace's TypeScript (the root's devDependency, on PATH in package scripts).
const { status, error } = spawnSync('tsc', ['-p', 'tsconfig.build.json'], { cwd, stdio: 'inherit' });
if (error) throw new Error(`tsc could not run (run this through pnpm build): ${error.message}`);
if (status !== 0) process.exit(status ?? 1);
rewriteTsSpecifiers(join(cwd, 'dist'));
