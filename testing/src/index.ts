export { SANDBOX_TEST_CARDS, type Sandbox, type SandboxOptions, startSandbox } from '@omise-signup/sandbox';
export { TEST_CARD, TEST_CARDS } from './cards.ts';
export { expect, type SignupFixtures, test } from './fixture.ts';
export {
  type CardDetails,
  type CardIsolation,
  type ResultFields,
  type SignupDetails,
  SignupForm,
  type SignupFormOptions,
} from './signup-form.ts';
