export { DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY } from './auth.ts';
export type { Brand, TestCard, TestCardOutcome } from './cards.ts';
export { SANDBOX_TEST_CARDS } from './cards.ts';
export type { Fault, FaultKind, Target } from './faults.ts';
export type { OmiseErrorBody } from './omise-error.ts';
export type { LoggedRequest } from './request-log.ts';
export type { Sandbox, SandboxApps, SandboxOptions } from './sandbox.ts';
export { createSandboxApps, DEFAULT_API_PORT, DEFAULT_HOST, DEFAULT_VAULT_PORT, startSandbox } from './sandbox.ts';
