// The packages as a merchant gets them: `pnpm pack` of each, linted as tarballs, then
// installed with npm into a fresh project in the temp dir (no workspace, no pnpm, no tsx, no
// TypeScript) and run with plain node: the sandbox from its bin, the README's server.mjs
// mounting the router and serving the widget, curl through it. Then TypeScript alone is
// added to type-check the README's TypeScript and a file using the public APIs.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, merchantEnv, npmInstall, run } from '../lib/npm-project.mjs';
import { type PackedPackage, packAll, ROOT } from '../lib/packs.mjs';
import { readSnippets } from '../lib/snippets.mjs';
import { declarationImports, tarballFiles, tarballManifest } from './tarball.ts';

const require = createRequire(import.meta.url);
const readme = readSnippets(join(ROOT, 'README.md'));
const snippet = (name: string): string => {
  const code = readme.get(name);
  if (code === undefined) throw new Error(`README.md has no <!-- snippet: ${name} --> block`);
  return code;
};
/** The workspace's own versions of what the type-check step installs from the registry. */
const workspaceVersion = (pkg: string, from = 'server'): string =>
  JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`, { paths: [join(ROOT, from)] }), 'utf8')).version;

const project = createProject('omise-signup-install-');
let packs: PackedPackage[] = [];
const started: ChildProcess[] = [];

beforeAll(() => {
  packs = packAll(join(project.base, 'tarballs'));
});

afterAll(async () => {
  await Promise.all(started.map(stop));
  project.remove();
});

/** Starts a long-running command in its own process group; resolves once `ready` is printed. */
function start(command: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(command, args, { cwd: project.dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  return new Promise<{ child: ChildProcess; output: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} printed no ${ready} in 20 s:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before printing ${ready}:\n${output}`));
    });
  });
}

/** SIGTERM to the whole group (npx runs the bin under sh), then wait for the leader. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-(child.pid as number), 'SIGTERM');
  });
}

/** curl, as a merchant would; returns the status and the body. */
async function curl(args: string[], env: Record<string, string>) {
  const out = await run('curl', ['-sS', '-w', '\n%{http_code}', ...args], { cwd: project.dir, env });
  const cut = out.lastIndexOf('\n');
  return { status: Number(out.slice(cut + 1)), body: out.slice(0, cut) };
}

describe('the packed tarballs', () => {
  it('are one per publishable package: shared, server, web, sandbox and testing', () => {
    expect(packs.map((pkg) => pkg.name).sort()).toEqual([
      '@omise-signup/sandbox',
      '@omise-signup/server',
      '@omise-signup/shared',
      '@omise-signup/testing',
      '@omise-signup/web',
    ]);
  });

  it('hold the build, package.json, README, LICENSE and CHANGELOG, and no source, tests, fixtures or tsconfig', async () => {
    for (const pkg of packs) {
      const files = await tarballFiles(pkg.tarball);
      expect(files, pkg.name).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
      const unexpected = files.filter(
        (file) =>
          !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file) &&
          !/^dist\/[\w./-]+\.(js|d\.ts|json)$/.test(file),
      );
      expect(unexpected, pkg.name).toEqual([]);
      expect(
        files.filter((file) => /\.test\.|test-support|test-helpers|tsconfig|\/demo\/|(^|\/)src\//.test(file)),
        pkg.name,
      ).toEqual([]);
      expect(files.filter((file) => /\.d\.ts$/.test(file)).length, `${pkg.name} ships types`).toBeGreaterThan(0);
    }
  });

  it('carry the LICENSE of the repository root', async () => {
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License/);
    for (const pkg of packs) {
      expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8'), pkg.name).toBe(license);
    }
  });

  it('have manifests with no workspace links, no source condition and nothing private', async () => {
    for (const pkg of packs) {
      const manifest = await tarballManifest(pkg.tarball);
      const { exports, bin, dependencies, peerDependencies, optionalDependencies } = manifest;
      const installed = JSON.stringify({ exports, bin, dependencies, peerDependencies, optionalDependencies });
      expect(installed, pkg.name).not.toMatch(/workspace:|@omise-signup\/source|\.\/src\//);
      expect(manifest.private, pkg.name).toBeUndefined();
      expect(manifest.license, pkg.name).toBe('MIT');
      expect(manifest.engines, pkg.name).toEqual({ node: '>=20.19' });
      expect(manifest.publishConfig, pkg.name).toEqual({ access: 'public' });
      expect(manifest.repository, pkg.name).toMatchObject({ directory: pkg.dir.slice(ROOT.length + 1) });
      for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
        expect(range, `${pkg.name} → ${name}`).toMatch(/^\^\d+\.\d+\.\d+$/);
      }
    }
  });

  it('keep express and @playwright/test as peers, so the merchant’s own copy is the one used', async () => {
    const server = await tarballManifest(packs.find((pkg) => pkg.name === '@omise-signup/server')?.tarball ?? '');
    expect(server.peerDependencies).toMatchObject({ express: '^5.0.0' });
    expect(server.dependencies?.express).toBeUndefined();
    const testing = await tarballManifest(packs.find((pkg) => pkg.name === '@omise-signup/testing')?.tarball ?? '');
    expect(testing.peerDependencies).toEqual({ '@playwright/test': '^1.64.0' });
  });

  it('pass publint with no errors or warnings', async () => {
    const { publint } = await import('publint');
    const { formatMessage } = await import('publint/utils');
    for (const pkg of packs) {
      const tarball = readFileSync(pkg.tarball);
      const data = tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength);
      const result = await publint({ pack: { tarball: data }, level: 'warning' });
      const problems = result.messages.map((message) => `${message.type}: ${formatMessage(message, result.pkg)}`);
      expect(problems, pkg.name).toEqual([]);
    }
  });

  it('pass arethetypeswrong under the esm-only profile', async () => {
    const manifest = require.resolve('@arethetypeswrong/cli/package.json');
    const cli = join(manifest, '..', JSON.parse(readFileSync(manifest, 'utf8')).bin.attw);
    for (const pkg of packs) {
      // --no-definitely-typed: judge the package's own types, and ask no registry for @types.
      await run(
        process.execPath,
        [cli, pkg.tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'ascii', '--no-color'],
        { cwd: project.base, env: merchantEnv(project.path) },
      ).catch((error: Error) => expect.fail(`${pkg.name}: ${error.message}`));
    }
  });
});

describe('installed with npm into a fresh project', () => {
  const env = merchantEnv(project.path);
  let sandbox: { apiUrl: string; vaultUrl: string; secretKey: string; publicKey: string };
  let shop: string;

  beforeAll(async () => {
    await npmInstall(project.dir, [...packs.map((pkg) => pkg.tarball), `express@${workspaceVersion('express')}`], env);
  });

  it('has every package from its tarball, and no pnpm, tsx or TypeScript', async () => {
    const listed = JSON.parse(await run('npm', ['ls', '--json', '--depth=0'], { cwd: project.dir, env }));
    for (const pkg of packs) {
      expect(listed.dependencies[pkg.name], pkg.name).toMatchObject({ version: pkg.version });
      expect(listed.dependencies[pkg.name].resolved, pkg.name).toMatch(/^file:.*\.tgz$/);
    }
    for (const absent of ['typescript', 'tsx', 'pnpm']) {
      expect(existsSync(join(project.dir, 'node_modules', absent)), absent).toBe(false);
    }
    await expect(
      run('sh', ['-c', 'command -v pnpm || command -v tsx || command -v tsc'], { cwd: project.dir, env }),
    ).rejects.toThrow();
  });

  it('has the types of every package the tarballs’ declarations import, from their dependencies or peers', async () => {
    const shipsTypes = (name: string) => {
      const dir = join(project.dir, 'node_modules', name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return Boolean(manifest.types ?? manifest.typings) || /"types"/.test(JSON.stringify(manifest.exports ?? {}));
    };
    for (const pkg of packs) {
      const manifest = await tarballManifest(pkg.tarball);
      const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
      for (const name of await declarationImports(pkg.tarball)) {
        if (name === pkg.name || isBuiltin(name)) continue;
        const typesPackage = `@types/${name.replace(/^@([^/]+)\//, '$1__')}`;
        const typed = declared.has(typesPackage) || (declared.has(name) && shipsTypes(name));
        expect(typed, `${pkg.name}'s .d.ts files import ${name}: declare it (or ${typesPackage})`).toBe(true);
      }
    }
  });

  it('starts the sandbox from its bin as the README shows (npx @omise-signup/sandbox)', async () => {
    const command = snippet('sandbox.sh').trim();
    expect(command).toMatch(/^npx @omise-signup\/sandbox\b/);
    const { output } = await start(
      'sh',
      ['-c', command],
      { ...env, SANDBOX_API_PORT: '0', SANDBOX_VAULT_PORT: '0' },
      /control:/,
    );
    const url = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(output)?.[1] ?? '';
    sandbox = {
      apiUrl: url('API'),
      vaultUrl: url('vault'),
      secretKey: url('secret key'),
      publicKey: url('public key'),
    };
    expect(sandbox.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.publicKey).toMatch(/^pkey_test_/);
    expect(await curl([`${sandbox.vaultUrl}/omise.js`], env)).toMatchObject({ status: 200 });
  });

  it('runs the README’s server.mjs with plain node, serving the widget script from the installed package', async () => {
    writeFileSync(join(project.dir, 'server.mjs'), snippet('server.mjs'));
    const { output } = await start(
      'node',
      ['server.mjs'],
      {
        ...env,
        PORT: '0',
        OMISE_SECRET_KEY: sandbox.secretKey,
        OMISE_PUBLIC_KEY: sandbox.publicKey,
        OMISE_API_URL: sandbox.apiUrl,
        OMISE_VAULT_URL: sandbox.vaultUrl,
        OMISE_JS_URL: `${sandbox.vaultUrl}/omise.js`,
      },
      /http:\/\/127\.0\.0\.1:\d+\//,
    );
    shop = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] ?? '';
    const installed = join(project.dir, 'node_modules/@omise-signup/web/dist');
    const script = await curl(['-D', '-', `${shop}/widget/omise-signup.js`], env);
    expect(script.status).toBe(200);
    expect(script.body).toMatch(/content-type: (text|application)\/javascript/i);
    expect(script.body.endsWith(readFileSync(join(installed, 'omise-signup.js'), 'utf8'))).toBe(true);
    expect(await curl([`${shop}/widget/omise-signup.th.js`], env)).toMatchObject({ status: 200 });
    const page = await curl([`${shop}/`], env);
    expect(page.body).toContain('<omise-signup');
  });

  it('creates a customer with curl through the mounted router', async () => {
    const card = { name: 'Somchai Jaidee', number: '4242424242424242', expiration_month: 12, expiration_year: 2031 };
    const fields = Object.entries({ ...card, security_code: 123 }).flatMap(([key, value]) => [
      '-d',
      `card[${key}]=${value}`,
    ]);
    const token = await curl(['-u', `${sandbox.publicKey}:`, `${sandbox.vaultUrl}/tokens`, ...fields], env);
    expect(token.status).toBe(200);
    const created = await curl(
      [
        `${shop}/api/customers`,
        ...['-H', 'Content-Type: application/json', '-H', 'Idempotency-Key: install-test-1'],
        ...[
          '-d',
          JSON.stringify({ email: 'somchai@example.com', description: 'Pro plan', card: JSON.parse(token.body).id }),
        ],
      ],
      env,
    );
    expect(created.status, created.body).toBe(201);
    const customer = JSON.parse(created.body);
    expect(customer).toMatchObject({ object: 'customer', email: 'somchai@example.com', description: 'Pro plan' });
    expect(customer.id).toMatch(/^cust_test_/);
    const upstream = await curl(['-u', `${sandbox.secretKey}:`, `${sandbox.apiUrl}/customers/${customer.id}`], env);
    expect(JSON.parse(upstream.body)).toMatchObject({ id: customer.id, default_card: expect.stringMatching(/^card_/) });
  });

  it('answers GET /api/config through the mounted router', async () => {
    const config = await curl([`${shop}/api/config`], env);
    expect(config.status, config.body).toBe(200);
    expect(JSON.parse(config.body)).toMatchObject({
      publicKey: sandbox.publicKey,
      vaultUrl: sandbox.vaultUrl,
      omiseJsUrl: `${sandbox.vaultUrl}/omise.js`,
    });
  });

  describe('then with TypeScript added', () => {
    beforeAll(async () => {
      await npmInstall(
        project.dir,
        [
          `typescript@${workspaceVersion('typescript', '.')}`,
          `@types/node@${workspaceVersion('@types/node')}`,
          `@types/express@${workspaceVersion('@types/express')}`,
        ],
        env,
      );
      for (const name of [...readme.keys()].filter((name) => name.endsWith('.ts'))) {
        writeFileSync(join(project.dir, name), snippet(name));
      }
      for (const fixture of ['readme-globals.d.ts', 'api-check.ts']) {
        writeFileSync(join(project.dir, fixture), readFileSync(join(import.meta.dirname, 'fixtures', fixture)));
      }
    });

    for (const [module, moduleResolution] of [
      ['nodenext', 'nodenext'],
      ['esnext', 'bundler'],
    ]) {
      it(`type-checks the README’s TypeScript and the server and web APIs under ${moduleResolution}, strict, without skipLibCheck`, async () => {
        const tsconfig = `tsconfig.${moduleResolution}.json`;
        writeFileSync(
          join(project.dir, tsconfig),
          JSON.stringify({
            compilerOptions: {
              target: 'es2022',
              lib: ['es2023', 'dom'],
              module,
              moduleResolution,
              strict: true,
              skipLibCheck: false,
              noEmit: true,
              types: ['node'],
            },
            include: ['*.ts'],
          }),
        );
        await run(join(project.dir, 'node_modules/.bin/tsc'), ['-p', tsconfig], { cwd: project.dir, env }).catch(
          (error: Error) => expect.fail(error.message),
        );
      });
    }
  });
});
