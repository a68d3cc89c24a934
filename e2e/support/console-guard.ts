// Collects what would show up red in a user's devtools: console.error output and uncaught
// exceptions, from every page of a browser context. A spec fails on any it did not expect.
import type { BrowserContext } from "@playwright/test";

export type BrowserError = { kind: "console" | "pageerror"; text: string; url: string };

export function watchBrowserErrors(context: BrowserContext): BrowserError[] {
  const errors: BrowserError[] = [];
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    errors.push({ kind: "console", text: message.text(), url: message.location().url || (message.page()?.url() ?? "") });
  });
  context.on("weberror", (webError) => {
    const error = webError.error();
    errors.push({ kind: "pageerror", text: error.stack ?? error.message, url: webError.page()?.url() ?? "" });
  });
  return errors;
}

export function unexpectedErrors(errors: BrowserError[], allowed: RegExp[]): BrowserError[] {
  return errors.filter((error) => !allowed.some((pattern) => pattern.test(error.text)));
}

export function describeErrors(errors: BrowserError[]): string {
  return errors.map((error) => `  [${error.kind}] ${error.text}${error.url ? `\n    at ${error.url}` : ""}`).join("\n");
}
