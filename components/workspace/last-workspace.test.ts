import { describe, expect, it } from "vitest";
import { pickWorkspace } from "./last-workspace";

const workspaces = [{ slug: "acme" }, { slug: "globex" }];

describe("pickWorkspace", () => {
  it("returns the workspace last opened", () => {
    expect(pickWorkspace(workspaces, "globex")).toEqual({ slug: "globex" });
  });

  it("falls back to the first one when the remembered one is gone or unknown", () => {
    expect(pickWorkspace(workspaces, "left-long-ago")).toEqual({ slug: "acme" });
    expect(pickWorkspace(workspaces, undefined)).toEqual({ slug: "acme" });
  });

  it("returns nothing for a user without workspaces (onboarding)", () => {
    expect(pickWorkspace([], "acme")).toBeUndefined();
  });
});
