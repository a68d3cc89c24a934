import { AllowanceExhaustedError } from "../_core/errors";
import type { PropertyQuotaPacing } from "./quota";
import type { RunReportResponse } from "./report";

// A report's pages by offset, some asked at once: the first alone (its rowCount says how many
// there are), then up to `concurrency` at a time, handed out in offset order.

type Page = { report: RunReportResponse; offset: number };

/**
 * The pages of one report in offset order, up to `concurrency` requested at once (more as
 * `rowCount` says there are more). A page is not started once `pacing` says the budget is spent:
 * the pages already asked for are handed out first, then its AllowanceExhaustedError is thrown.
 * A read stopped early abandons the requests still open.
 */
export async function* reportPages(fetch: (offset: number, signal: AbortSignal) => Promise<RunReportResponse>, pageSize: number, concurrency: number, pacing: PropertyQuotaPacing): AsyncGenerator<Page> {
  const controller = new AbortController();
  const open: { offset: number; report: Promise<RunReportResponse> }[] = [];
  let next = 0;
  let rowCount = 1;
  let spent: AllowanceExhaustedError | undefined;
  const request = (offset: number) => {
    const page = fetch(offset, controller.signal).then(
      (report) => {
        pacing.settled(report.propertyQuota);
        return report;
      },
      (error: unknown) => {
        pacing.settled();
        throw error;
      },
    );
    // Raised when awaited in order; until then it must not count as an unhandled rejection.
    page.catch(() => undefined);
    open.push({ offset, report: page });
  };
  const fill = () => {
    while (!spent && open.length < concurrency && next < rowCount) {
      try {
        pacing.take();
      } catch (error) {
        if (!(error instanceof AllowanceExhaustedError)) throw error;
        spent = error;
        return;
      }
      request(next);
      next += pageSize;
    }
  };
  try {
    // Only the first page until it says how many rows there are (rowCount starts at 1).
    fill();
    for (let page = open.shift(); page; page = open.shift()) {
      const report = await page.report;
      rowCount = report.rowCount;
      // The next pages are asked before this one is handed out: they arrive while it is stored.
      fill();
      yield { report, offset: page.offset };
    }
    if (spent) throw spent;
  } finally {
    controller.abort();
  }
}
