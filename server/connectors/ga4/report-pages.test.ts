import { describe, expect, it } from "vitest";
import { AllowanceExhaustedError } from "../_core/errors";
import { PropertyQuotaPacing } from "./quota";
import { runReportResponse, type PropertyQuota, type RunReportResponse } from "./report";
import { reportPages } from "./report-pages";

// The pager over a report whose pages the test answers one by one, in any order: the first page
// is asked alone, then never more than `concurrency` at once; pages come out in offset order
// whatever order they are answered in; once the quota is down to the reserve no page is started,
// those asked are handed out, then the pause is thrown; a read stopped early aborts what is open.

const NOW = Date.UTC(2026, 9, 15, 12, 10);

function peer(rowCount: number, quota?: (offset: number) => PropertyQuota) {
  const asked: { offset: number; signal: AbortSignal; answer: () => void }[] = [];
  let open = 0;
  let mostOpen = 0;
  const fetch = (offset: number, signal: AbortSignal) =>
    new Promise<RunReportResponse>((resolve) => {
      open++;
      mostOpen = Math.max(mostOpen, open);
      asked.push({
        offset,
        signal,
        answer: () => {
          open--;
          resolve(runReportResponse.parse({ rowCount, rows: [], propertyQuota: quota?.(offset) }));
        },
      });
    });
  return { fetch, asked, mostOpen: () => mostOpen };
}

/** Lets the pager's promises settle (each answer is a few microtasks away from the next request). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("reportPages", () => {
  it("asks the first page alone, then at most `concurrency` at once, and hands pages out in offset order", async () => {
    const { fetch, asked, mostOpen } = peer(95);
    const pages = reportPages(fetch, 10, 3, new PropertyQuotaPacing(0, () => NOW));
    const offsets: number[] = [];
    const reading = (async () => {
      for await (const page of pages) offsets.push(page.offset);
    })();
    await settle();
    expect(asked.map((a) => a.offset)).toEqual([0]);
    asked[0]!.answer();
    await settle();
    expect(asked.map((a) => a.offset)).toEqual([0, 10, 20, 30]);
    // Answered out of order: 30 and 20 wait for 10.
    asked[3]!.answer();
    asked[2]!.answer();
    await settle();
    expect(offsets).toEqual([0]);
    for (let i = 1; i < 10; i++) {
      asked[i]!.answer();
      await settle();
    }
    await reading;
    expect(offsets).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(mostOpen()).toBe(3);
  });

  it("starts no page once the hour's tokens are down to the reserve: the pages asked are handed out, then the pause", async () => {
    // The first answer leaves 3 tokens this hour: three more pages, then none.
    const { fetch, asked } = peer(1000, () => ({ tokensPerHour: { consumed: 97, remaining: 3 } }));
    const pages = reportPages(fetch, 10, 5, new PropertyQuotaPacing(0, () => NOW));
    const offsets: number[] = [];
    const reading = (async () => {
      for await (const page of pages) offsets.push(page.offset);
    })();
    const outcome = reading.catch((error: unknown) => error);
    await settle();
    asked[0]!.answer();
    await settle();
    expect(asked.map((a) => a.offset)).toEqual([0, 10, 20, 30]);
    for (const a of asked.slice(1)) a.answer();
    const error = await outcome;
    expect(offsets).toEqual([0, 10, 20, 30]);
    expect(error).toBeInstanceOf(AllowanceExhaustedError);
    expect((error as AllowanceExhaustedError).resumeAt).toBe(Date.UTC(2026, 9, 15, 13));
  });

  it("asks the next pages while one is handed out, and aborts them when the read stops there", async () => {
    const { fetch, asked } = peer(100);
    const pages = reportPages(fetch, 10, 3, new PropertyQuotaPacing(0, () => NOW));
    const first = pages.next();
    await settle();
    asked[0]!.answer();
    expect((await first).value?.offset).toBe(0);
    expect(asked.map((a) => a.offset)).toEqual([0, 10, 20, 30]);
    await pages.return(undefined);
    expect(asked.slice(1).map((a) => a.signal.aborted)).toEqual([true, true, true]);
  });
});
