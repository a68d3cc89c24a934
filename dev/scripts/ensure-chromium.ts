// Run by `npm test` (test-all.mjs) before any suite: exits 1, saying what to install, when no
// Chromium starts for the e2e suite and Playwright's own cannot be installed.
import { ensureChromium } from "../chromium";

void ensureChromium().then((check) => {
  if (check.ok) return;
  console.error(`\n${check.message}`);
  process.exit(1);
});
