// Accessibility checks with axe-core on the page as it stands. axe's source is evaluated in the
// page through the DevTools protocol, which the app's Content-Security-Policy does not govern.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Locator, Page } from "@playwright/test";
import type { AxeResults } from "axe-core";

const axeSource = readFileSync(createRequire(__filename).resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe's WCAG 2.x A/AA violations in `scope` (the whole page by default), each with the elements it
 * found. `targetSize` adds WCAG 2.2's 24 px minimum for pointer targets (2.5.8).
 */
export async function axeViolations(page: Page, scope?: Locator, options: { targetSize?: boolean } = {}): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const element = scope ? await scope.elementHandle() : null;
  const tags = options.targetSize ? [...WCAG_21_AA, "wcag22aa"] : WCAG_21_AA;
  const results = await page.evaluate(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- axe is a global the evaluated source defines
    ({ context, values }) => (window as any).axe.run(context ?? document, { runOnly: { type: "tag", values } }) as Promise<AxeResults>,
    { context: element, values: tags },
  );
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}
