import { describe, expect, it } from "vitest";
import { requestBudgetLine } from "./request-budget";

const at = (hours: number, minutes = 0) => new Date(Date.UTC(2030, 0, 1, hours, minutes));
const UTC = { locale: "en-GB", timeZone: "UTC" };

describe("requestBudgetLine", () => {
  it("names the window, the requests used of its limit and when it resets", () => {
    expect(requestBudgetLine({ seconds: 3600, limit: 3600, used: 1234, resetsAt: at(14).getTime() }, at(13, 20), UTC)).toBe("Requests this hour: 1,234 of 3,600 (resets 14:00 UTC)");
    expect(requestBudgetLine({ seconds: 60, limit: 120, used: 7, resetsAt: at(13, 21).getTime() }, at(13, 20), UTC)).toBe("Requests this minute: 7 of 120 (resets 13:21 UTC)");
    expect(requestBudgetLine({ seconds: 900, limit: 50, used: 0, resetsAt: at(13, 30).getTime() }, at(13, 20), UTC)).toBe("Requests in this 900-second window: 0 of 50 (resets 13:30 UTC)");
  });
});
