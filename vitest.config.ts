import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      { find: /^server-only$/, replacement: `${root}dev/test/empty-module.ts` },
    ],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["e2e/**", "**/node_modules/**", ".data/**", ".next/**"],
    globalSetup: ["dev/test/global-setup.ts"],
    setupFiles: ["dev/test/setup-database.ts", "dev/test/setup-job-runner.ts"],
    // Info-level lines (every dev-outbox email, every ignored webhook) would bury the failures.
    // Requests in tests arrive as if through one reverse proxy, which appended the client's
    // address to X-Forwarded-For (server/security/client-ip.ts).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", TRUSTED_PROXY_COUNT: "1" },
    // next-auth imports "next/server" without an extension, which Node's ESM resolution refuses;
    // transformed by Vite, its route handlers run in tests as they do in Next.
    server: { deps: { inline: ["next-auth"] } },
    // Separate processes: each test file gets its own DATABASE_URL and module graph.
    pool: "forks",
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
