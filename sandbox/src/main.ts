#!/usr/bin/env node
import { DEFAULT_API_PORT, DEFAULT_HOST, DEFAULT_VAULT_PORT, startSandbox } from './sandbox.ts';

/** `pnpm sandbox`: both listeners on SANDBOX_API_PORT / SANDBOX_VAULT_PORT / SANDBOX_HOST, until a signal. */
function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new Error(`${name}=${value} is not a port: use an integer from 0 to 65535 (0 picks a free one)`);
  }
  return number;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    apiPort: port('SANDBOX_API_PORT', DEFAULT_API_PORT),
    vaultPort: port('SANDBOX_VAULT_PORT', DEFAULT_VAULT_PORT),
    host: process.env.SANDBOX_HOST || DEFAULT_HOST,
  });
  console.log(
    [
      'Omise sandbox running',
      `  API:        ${sandbox.apiUrl}`,
      `  vault:      ${sandbox.vaultUrl}`,
      `  omise.js:   ${sandbox.omiseJsUrl}`,
      `  secret key: ${sandbox.secretKey}`,
      `  public key: ${sandbox.publicKey}`,
      `  control:    ${sandbox.apiUrl}/__sandbox/ (reset, faults, requests)`,
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
