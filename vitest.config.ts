import { defineConfig } from 'vitest/config';

// One suite for the whole repository: unit tests sit next to their code, end-to-end tests live in test/.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'stacks/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'cdktf.out/**'],
    pool: 'forks',
    maxWorkers: 2,
    // Real Spark jobs take one to three minutes on two cores, more when two run at once.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
