import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React's server condition; tests run lib/ code in plain Node.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "scripts/**/*.test.ts",
      "policies/**/*.test.ts",
      "test/**/*.test.ts",
      // The demo service's own checks (examples/permits-demo).
      "examples/**/*.test.ts",
    ],
    globalSetup: ["./scripts/test/global-setup.ts"],
    setupFiles: ["./test/fixtures/vitest-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Every run gets its own database; tests inside it must not depend on order.
    sequence: { shuffle: false },
  },
});
