import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";
import { E2E_APP_URL } from "./dev/e2e/server-info";

const CI = Boolean(process.env.CI);

// Playwright's own Chromium cannot be downloaded on this project's machines; Debian's package
// (`apt-get install -y chromium`) stands in. Root needs --no-sandbox; the other flags keep
// Chromium's background requests from failing noisily on a closed network.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const chromiumLaunch = existsSync(chromium.executablePath())
  ? {}
  : {
      executablePath: SYSTEM_CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    };

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
    launchOptions: chromiumLaunch,
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node --import tsx dev/e2e/serve.ts",
    url: `${E2E_APP_URL}/api/health`,
    // Includes a production build (about 75 s on 2 cores); E2E_REUSE_BUILD=1 skips it.
    timeout: 300_000,
    reuseExistingServer: !CI,
    stdout: "pipe",
    stderr: "pipe",
    // The server stops PostgreSQL and Next.js in order on SIGTERM; only then is it killed.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
