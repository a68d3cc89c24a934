import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chromiumLaunchError, chromiumLaunchOptions, ensureChromium, SYSTEM_CHROMIUM } from "./chromium";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "meridian-chromium-test-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** An install command that leaves a mark and exits with `code`: a real process, not a stand-in for one. */
const installMarking = (code: number) => [process.execPath, "-e", `require("fs").writeFileSync(${JSON.stringify(join(dir, "install-ran"))}, ""); process.exit(${code})`];

describe("the Chromium the e2e suite drives", () => {
  it("is Playwright's own when installed, otherwise the system one with flags that let root run it", async () => {
    const bundled = join(dir, "chrome");
    expect(chromiumLaunchOptions({ bundled })).toMatchObject({ executablePath: SYSTEM_CHROMIUM, args: expect.arrayContaining(["--no-sandbox"]) });
    await writeFile(bundled, "");
    expect(chromiumLaunchOptions({ bundled })).toEqual({});
  });

  it("reports why a browser does not start", async () => {
    expect(await chromiumLaunchError({ executablePath: join(dir, "no-such-chromium") })).toMatch(/no-such-chromium/);
  });
});

describe("the check npm test runs first", () => {
  it("with no Chromium and a failing install, says which commands install one", async () => {
    const check = await ensureChromium({ bundled: join(dir, "none"), system: join(dir, "none-either"), install: installMarking(1) });
    expect(existsSync(join(dir, "install-ran"))).toBe(true);
    expect(check.ok).toBe(false);
    const message = check.ok ? "" : check.message;
    expect(message).toContain("npx playwright install chromium");
    expect(message).toContain("apt-get install -y chromium");
  });

  it("with an install that succeeds but still no Chromium, still fails", async () => {
    const check = await ensureChromium({ bundled: join(dir, "none"), system: join(dir, "none-either"), install: installMarking(0) });
    expect(check.ok).toBe(false);
  });

  // Needs a browser on this machine (Playwright's or the system one), as the e2e suite does.
  const here = chromiumLaunchOptions();
  it.runIf(here.executablePath === undefined || existsSync(here.executablePath))(
    "with a Chromium that starts, installs nothing",
    async () => {
      expect(await ensureChromium({ install: installMarking(0) })).toEqual({ ok: true });
      expect(existsSync(join(dir, "install-ran"))).toBe(false);
    },
    30_000,
  );
});
