import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // npm installs from the registry and whole servers start here: minutes, not seconds.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
