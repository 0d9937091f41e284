import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start servers and open SQLite files; two cores are all we have.
    pool: 'forks',
    reporters: ['default'],
  },
});
