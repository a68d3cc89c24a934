import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { errorCodeOf, errorMessageOf, fieldErrorsOf } from "./api-error";

const validationError = {
  message: "Invalid input",
  data: { code: "BAD_REQUEST", zodError: { formErrors: [], fieldErrors: { email: ["Enter a valid email address", "Too long"] } } },
};

describe("fieldErrorsOf", () => {
  it("returns the first message per field from a validation error", () => {
    expect(fieldErrorsOf(validationError)).toEqual({ email: "Enter a valid email address" });
  });

  it("is empty for errors without field errors", () => {
    expect(fieldErrorsOf({ message: "Nope", data: { code: "FORBIDDEN", zodError: null } })).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
  });
});

describe("errorMessageOf", () => {
  it("shows the server's sentence for business refusals", () => {
    const error = { message: "This is the workspace's last owner.", data: { code: "CONFLICT", zodError: null } };
    expect(errorMessageOf(error)).toBe("This is the workspace's last owner.");
    expect(errorCodeOf(error)).toBe("CONFLICT");
  });

  it("says what was wrong in a validation error, never pointing at fields it cannot see", () => {
    expect(errorMessageOf(validationError)).toBe("email: Enter a valid email address");
    const range = { message: "Invalid input", data: { code: "BAD_REQUEST", zodError: { formErrors: [], fieldErrors: { to: ["“To” must not be before “From”."] } } } };
    expect(errorMessageOf(range)).toBe("“To” must not be before “From”.");
    const zodDefault = { message: "Invalid input", data: { code: "BAD_REQUEST", zodError: { formErrors: [], fieldErrors: { search: ["Too big: expected string to have <=100 characters"] } } } };
    expect(errorMessageOf(zodDefault)).toBe("search: Too big: expected string to have <=100 characters");
    const formLevel = { message: "Invalid input", data: { code: "BAD_REQUEST", zodError: { formErrors: ["Choose at least one notification."], fieldErrors: { email: ["x"] } } } };
    expect(errorMessageOf(formLevel)).toBe("Choose at least one notification.");
  });

  it("explains network failures", () => {
    const error = TRPCClientError.from(new TypeError("Failed to fetch"));
    expect(errorMessageOf(error)).toMatch(/could not reach the server/i);
  });

  it("falls back when there is no message", () => {
    expect(errorMessageOf(undefined)).toBe("Something went wrong. Please try again.");
  });
});
