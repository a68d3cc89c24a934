import { describe, expect, it } from "vitest";
import { signInErrorMessage, tooManyAttemptsMessage } from "./sign-in-messages";

describe("signInErrorMessage", () => {
  it("explains known Auth.js codes and falls back for unknown ones", () => {
    expect(signInErrorMessage("Verification")).toMatch(/invalid or has expired/);
    expect(signInErrorMessage("OAuthAccountNotLinked")).toMatch(/already signs in with an email link/);
    expect(signInErrorMessage("SomethingNew")).toBe("Something went wrong while signing you in. Try again.");
    expect(signInErrorMessage(undefined)).toBeNull();
  });
});

describe("tooManyAttemptsMessage", () => {
  it("rounds the wait up to whole minutes", () => {
    expect(tooManyAttemptsMessage(9 * 60_000 + 1)).toBe("Too many sign-in attempts. Try again in 10 minutes.");
    expect(tooManyAttemptsMessage(5_000)).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(tooManyAttemptsMessage(0)).toBe("Too many sign-in attempts. Try again in 1 minute.");
  });
});
