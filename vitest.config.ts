import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/helpers/no-stack-trace.ts"],
    // A guard against a hang, not a measure: a loaded machine runs the crash and province tests slowly.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // Crash and concurrency tests spawn many processes; two workers match the two cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
