import { defineConfig, mergeConfig } from 'vitest/config';
import { workspaceSource } from '../vitest.shared.ts';

export default mergeConfig(
  workspaceSource,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 10_000,
      hookTimeout: 10_000,
    },
  }),
);
