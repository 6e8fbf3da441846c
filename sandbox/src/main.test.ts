// The sandbox's entry point (the `omise-sandbox` bin once built), run from source under tsx
// as `pnpm --filter @omise-signup/sandbox dev` runs it, on free ports.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
let child: ChildProcess | undefined;

function start(env: Record<string, string>) {
  child = spawn(tsx, ['--conditions=@omise-signup/source', 'src/main.ts'], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
  const printed = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`main.ts printed no ${pattern} in 8 s:\n${output}`)), 8000);
      const check = () => {
        if (pattern.test(output)) {
          clearTimeout(timer);
          resolve(output);
        }
      };
      child?.stdout?.on('data', check);
      child?.stderr?.on('data', check);
      check();
    });
  return { exited, printed };
}

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('the omise-sandbox entry point (src/main.ts)', () => {
  it('prints the URLs, omise.js and the key pair, serves them, and exits 0 on SIGTERM', async () => {
    const run = start({ SANDBOX_API_PORT: '0', SANDBOX_VAULT_PORT: '0', SANDBOX_HOST: '127.0.0.1' });
    const output = await run.printed(/public key: .+\n[\s\S]*control:/);
    const apiUrl = /API: +(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const omiseJs = /omise\.js: +(http:\/\/127\.0\.0\.1:\d+\/omise\.js)/.exec(output)?.[1];
    expect(output).toContain('secret key: skey_test_sandbox000000000000');
    expect(output).toContain('public key: pkey_test_sandbox000000000000');
    expect((await fetch(`${apiUrl}/__sandbox/faults`)).status).toBe(200);
    expect((await fetch(`${omiseJs}`)).status).toBe(200);
    child?.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses a port that is not one, saying which variable to fix', async () => {
    const run = start({ SANDBOX_API_PORT: 'eighty' });
    await run.printed(/SANDBOX_API_PORT=eighty is not a port/);
    expect(await run.exited).toBe(1);
  });
});
