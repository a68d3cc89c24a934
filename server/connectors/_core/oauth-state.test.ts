import { describe, expect, it } from "vitest";
import { createOAuthState, OAUTH_STATE_TTL_SECONDS, OAuthStateError, verifyOAuthState } from "./oauth-state";

const SECRET = "a-server-secret-of-at-least-32-characters";
const START = { provider: "SHOPIFY", workspaceId: "ws-1", userId: "user-1", account: "acme.myshopify.com" };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthStateError) return error.reason;
    throw error;
  }
  return "accepted";
}

describe("OAuth state", () => {
  it("binds the connect to its provider, workspace, person and account", () => {
    const { state, cookieValue } = createOAuthState(SECRET, START);
    expect(state.nonce).toMatch(/^[\w-]{32}$/);
    expect(verifyOAuthState(SECRET, { cookieValue, state: state.nonce, provider: "SHOPIFY" })).toEqual({ ...state, ...START });
  });

  it("refuses a cookie that was edited, signed with another secret, malformed or absent", () => {
    const { state, cookieValue } = createOAuthState(SECRET, START);
    const [data, signature] = cookieValue.split(".") as [string, string];
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(data, "base64url").toString()), workspaceId: "ws-attacker" })).toString("base64url");
    const callback = (value: string | undefined) => () => verifyOAuthState(SECRET, { cookieValue: value, state: state.nonce, provider: "SHOPIFY" });

    expect(refusal(callback(`${edited}.${signature}`))).toBe("state_missing");
    expect(refusal(callback(createOAuthState("another-secret-of-at-least-32-chars!", START).cookieValue))).toBe("state_missing");
    expect(refusal(callback(`${cookieValue}.extra`))).toBe("state_missing");
    expect(refusal(callback("not-a-cookie"))).toBe("state_missing");
    expect(refusal(callback(undefined))).toBe("state_missing");
  });

  it("expires after 10 minutes", () => {
    const startedAt = new Date("2030-01-01T12:00:00Z");
    const { state, cookieValue } = createOAuthState(SECRET, START, startedAt);
    const at = (seconds: number) => () =>
      verifyOAuthState(SECRET, { cookieValue, state: state.nonce, provider: "SHOPIFY" }, new Date(startedAt.getTime() + seconds * 1000));
    expect(refusal(at(OAUTH_STATE_TTL_SECONDS - 1))).toBe("accepted");
    expect(refusal(at(OAUTH_STATE_TTL_SECONDS))).toBe("state_expired");
  });

  it("refuses a state replayed into another connect, a missing state, and a callback for another provider", () => {
    const first = createOAuthState(SECRET, START);
    const second = createOAuthState(SECRET, START);
    // The provider's answer to the first connect, arriving while the browser holds the second's cookie.
    expect(refusal(() => verifyOAuthState(SECRET, { cookieValue: second.cookieValue, state: first.state.nonce, provider: "SHOPIFY" }))).toBe("state_mismatch");
    expect(refusal(() => verifyOAuthState(SECRET, { cookieValue: first.cookieValue, state: null, provider: "SHOPIFY" }))).toBe("state_mismatch");
    expect(refusal(() => verifyOAuthState(SECRET, { cookieValue: first.cookieValue, state: first.state.nonce, provider: "KEYRING" }))).toBe("state_mismatch");
  });
});
