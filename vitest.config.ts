import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test-support/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
