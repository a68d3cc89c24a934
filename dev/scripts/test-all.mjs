// `npm test`: every suite (Vitest unit + integration, then Playwright e2e when there are specs),
// each with its normal console output, then one summary line for all of them together:
//   N passed, N failed[, N skipped]
// Exits non-zero if anything failed, including a suite that could not run at all. When the e2e
// suite has no Chromium to drive (and Playwright's cannot be installed), it stops before any suite
// runs, saying what to install.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..", "..");

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

function vitest() {
  const output = join(reports, "vitest.json");
  const exitCode = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${output}`]);
  const report = readJson(output);
  if (!report) return { name: "vitest", passed: 0, failed: 1, skipped: 0, exitCode, note: "produced no report" };
  // A file that fails to load has no failed tests but is a failure all the same.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
  ).length;
  return {
    name: "vitest",
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
    exitCode,
  };
}

function hasSpecs(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((file) => /\.(spec|test)\.[cm]?[jt]sx?$/.test(String(file)));
}

const hasE2e = existsSync(join(root, "playwright.config.ts")) && hasSpecs(join(root, "e2e"));

function playwright() {
  if (!hasE2e) return undefined;
  const output = join(reports, "playwright.json");
  const exitCode = run("npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: output });
  const report = readJson(output);
  if (!report?.stats) return { name: "playwright", passed: 0, failed: 1, skipped: 0, exitCode, note: "produced no report" };
  const { expected, unexpected, flaky, skipped } = report.stats;
  // Errors outside tests (config, global setup, a web server that never started).
  const setupErrors = unexpected === 0 && (report.errors?.length ?? 0) > 0 ? 1 : 0;
  return { name: "playwright", passed: expected + flaky, failed: unexpected + setupErrors, skipped, exitCode };
}

if (hasE2e && run(process.execPath, ["--import", "tsx", "dev/scripts/ensure-chromium.ts"]) !== 0) process.exit(1);

const reports = mkdtempSync(join(tmpdir(), "meridian-test-reports-"));
const suites = [vitest(), playwright()].filter(Boolean);
rmSync(reports, { recursive: true, force: true });

const total = suites.reduce((sum, s) => ({ passed: sum.passed + s.passed, failed: sum.failed + s.failed, skipped: sum.skipped + s.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
// A runner that exited non-zero without reporting a failed test (e.g. crashed after the tests).
for (const suite of suites) {
  if (suite.exitCode !== 0 && suite.failed === 0) {
    total.failed += 1;
    suite.note ??= `exited with code ${suite.exitCode}`;
  }
}

console.log("");
for (const suite of suites.filter((s) => s.note)) console.log(`${suite.name}: ${suite.note} (counted as a failure)`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
