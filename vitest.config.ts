import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/helpers/no-stack-trace.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Crash and concurrency tests spawn many processes; two workers match the two cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
