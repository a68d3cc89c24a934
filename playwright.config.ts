import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./dev/chromium";
import { E2E_APP_URL } from "./dev/e2e/server-info";

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // One app server and 2 cores: parallel browsers would only slow each other down.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  reporter: CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    ...devices["Desktop Chrome"],
    baseURL: E2E_APP_URL,
    viewport: { width: 1440, height: 900 },
    // Playwright's own Chromium, or Debian's where it cannot be downloaded (`npm test` checks first).
    launchOptions: chromiumLaunchOptions(),
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node --import tsx dev/e2e/serve.ts",
    url: `${E2E_APP_URL}/api/health`,
    // Includes a production build (about 75 s on 2 quiet cores, over 400 s on a busy machine);
    // E2E_REUSE_BUILD=1 skips it.
    timeout: 900_000,
    reuseExistingServer: !CI,
    stdout: "pipe",
    stderr: "pipe",
    // The server stops PostgreSQL and Next.js in order on SIGTERM; only then is it killed.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
