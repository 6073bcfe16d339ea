import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two workers even on a 2-core machine (vitest's default there is one): much of the suite
    // waits on child processes and sockets, and the second worker fills that time. Measured on
    // 2 cores, Node 24: one isolated worker ~10.5 min, two workers without isolation 4.6 min.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Test files share a worker's module graph instead of importing it afresh each: the suite's
    // state lives in the objects each test makes, not in module globals (the suite passes either way).
    isolate: false,
  },
});
