import { describe, expect, it } from "vitest";
import { freeagentConfig } from "./config";

// The API base as configured: the paths the client and OAuth add to it begin with a slash, so a
// base given with a trailing one would make "//" paths.
describe("FreeAgent's configuration", () => {
  const app = { FREEAGENT_CLIENT_ID: "id", FREEAGENT_CLIENT_SECRET: "secret" };

  it("takes the API base without a trailing slash, FreeAgent's own by default", () => {
    expect(freeagentConfig({ appUrl: "http://app", variables: { ...app, FREEAGENT_API_URL: "http://localhost:1/v2/" } })?.apiUrl).toBe("http://localhost:1/v2");
    expect(freeagentConfig({ appUrl: "http://app", variables: app })?.apiUrl).toBe("https://api.freeagent.com/v2");
  });

  it("is off without the app's client", () => {
    expect(freeagentConfig({ appUrl: "http://app", variables: { FREEAGENT_CLIENT_ID: "id" } })).toBeNull();
  });
});
