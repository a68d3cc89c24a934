// The Chromium the e2e suite drives (playwright.config.ts), and the check `npm test` runs before
// any suite so a machine without a browser hears how to get one instead of failing every spec.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type LaunchOptions } from "@playwright/test";

/** Debian/Ubuntu's package (`apt-get install -y chromium`), used when Playwright's own is not installed. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

const INSTALL_PLAYWRIGHT_CHROMIUM = ["npx", "playwright", "install", "chromium"];

/**
 * Playwright's own Chromium when it is installed; otherwise the system one. Root needs
 * --no-sandbox; the other flags keep Chromium's background requests from failing noisily on a
 * closed network.
 */
export function chromiumLaunchOptions(paths: { bundled?: string; system?: string } = {}): LaunchOptions {
  if (existsSync(paths.bundled ?? chromium.executablePath())) return {};
  return {
    executablePath: paths.system ?? SYSTEM_CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  };
}

/** Why Chromium does not start with these options, or undefined when it does (it is started and closed). */
export async function chromiumLaunchError(options: LaunchOptions): Promise<string | undefined> {
  try {
    const browser = await chromium.launch(options);
    await browser.close();
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0];
  }
}

export type ChromiumCheck = { ok: true } | { ok: false; message: string };

/**
 * A Chromium that starts, installing Playwright's own (the usual way on a developer's machine)
 * when there is none. When that fails too, the message says what to run.
 */
export async function ensureChromium(options: { bundled?: string; system?: string; install?: readonly string[] } = {}): Promise<ChromiumCheck> {
  const paths = { bundled: options.bundled, system: options.system };
  const firstError = await chromiumLaunchError(chromiumLaunchOptions(paths));
  if (!firstError) return { ok: true };

  const install = options.install ?? INSTALL_PLAYWRIGHT_CHROMIUM;
  console.log(`No Chromium starts for the e2e suite (${firstError}); running: ${install.join(" ")}`);
  const installed = spawnSync(install[0]!, install.slice(1), { stdio: "inherit" });
  if (installed.status === 0 && !(await chromiumLaunchError(chromiumLaunchOptions(paths)))) return { ok: true };

  return {
    ok: false,
    message: [
      `The e2e suite needs a Chromium, and none starts: ${firstError}`,
      `Installing Playwright's Chromium did not help (${install.join(" ")} ${installed.error ? `failed: ${installed.error.message}` : `exited with ${installed.status}`}).`,
      `Install a Chromium, then run npm test again:`,
      `  ${INSTALL_PLAYWRIGHT_CHROMIUM.join(" ")}`,
      `or, on Debian/Ubuntu (used from ${options.system ?? SYSTEM_CHROMIUM}):`,
      `  apt-get install -y chromium`,
    ].join("\n"),
  };
}
