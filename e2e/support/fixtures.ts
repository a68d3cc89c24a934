// The `test` every spec imports: Playwright's, plus
//   - a console guard on every browser context (the default `context` and those from `newContext`):
//     console errors and uncaught page errors fail the test unless listed in `allowedConsoleErrors`;
//   - `newContext()` for a second person in the same test (closed at the end);
//   - `uniqueEmail(label)`: an address no earlier test or run has used.
// Fixture callbacks call their second argument `provide` rather than Playwright's usual `use`, which
// the React hooks lint rule would take for React's use().
import { randomBytes } from "node:crypto";
import { test as base, type BrowserContext, type BrowserContextOptions } from "@playwright/test";
import { describeErrors, unexpectedErrors, watchBrowserErrors, type BrowserError } from "./console-guard";
import { closeDatabase } from "./database";

type Fixtures = {
  allowedConsoleErrors: RegExp[];
  browserErrors: BrowserError[];
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  uniqueEmail: (label: string) => string;
};

type WorkerFixtures = { databaseConnection: void };

export const test = base.extend<Fixtures, WorkerFixtures>({
  allowedConsoleErrors: [[], { option: true }],

  browserErrors: async ({ allowedConsoleErrors }, provide, testInfo) => {
    const errors: BrowserError[] = [];
    await provide(errors);
    const unexpected = unexpectedErrors(errors, allowedConsoleErrors);
    if (unexpected.length === 0) return;
    // A test that already failed keeps its own failure as the headline; the errors go alongside.
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach("browser-errors.txt", { body: describeErrors(unexpected), contentType: "text/plain" });
      return;
    }
    throw new Error(`Unexpected browser console errors:\n${describeErrors(unexpected)}`);
  },

  context: async ({ context, browserErrors }, provide) => {
    const errors = watchBrowserErrors(context);
    await provide(context);
    browserErrors.push(...errors);
  },

  newContext: async ({ browser, browserErrors }, provide) => {
    const opened: Array<{ context: BrowserContext; errors: BrowserError[] }> = [];
    await provide(async (options) => {
      const context = await browser.newContext(options);
      opened.push({ context, errors: watchBrowserErrors(context) });
      return context;
    });
    for (const { context, errors } of opened) {
      await context.close();
      browserErrors.push(...errors);
    }
  },

  uniqueEmail: async ({}, provide) => {
    await provide((label) => `${label}-${randomBytes(5).toString("hex")}@e2e.meridian.localhost`);
  },

  databaseConnection: [
    async ({}, provide) => {
      await provide();
      await closeDatabase();
    },
    { scope: "worker", auto: true },
  ],
});

export { expect } from "@playwright/test";
