import { NonRetriableError, RetryAfterError } from "inngest";
import { describe, expect, it } from "vitest";
import { FailRunNowError, RetryStepAfterError } from "@/server/services/jobs/job-errors";
import { toInngestError } from "./job-errors";

describe("toInngestError", () => {
  it("gives the SDK's errors for what a service said, with the cause the service gave", () => {
    const refused = new Error("HTTP 401");
    const failNow = toInngestError(new FailRunNowError("Re-authorize", { cause: refused }));
    expect(failNow).toBeInstanceOf(NonRetriableError);
    expect(failNow).toMatchObject({ message: "Re-authorize", cause: refused });

    const later = toInngestError(new RetryStepAfterError("Throttled", 4_000, { cause: refused }));
    expect(later).toBeInstanceOf(RetryAfterError);
    // The SDK sends whole seconds in its retry-after header.
    expect((later as RetryAfterError).retryAfter).toBe("4");
    expect(later).toMatchObject({ message: "Throttled", cause: refused });
  });

  it("leaves any other error as it is, for the function's retries", () => {
    const transient = new Error("HTTP 503");
    expect(toInngestError(transient)).toBe(transient);
  });
});
