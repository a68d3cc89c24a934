import { describe, expect, it } from "vitest";
import { mayLeave, memberActions } from "./member-actions";

describe("memberActions", () => {
  it("offers the sole owner's own role no other role, nor removal, and says why", () => {
    const actions = memberActions({ callerRole: "OWNER", target: { role: "OWNER" }, isMe: true, ownerCount: 1 });
    expect(actions).toEqual({ roles: [], remove: false, transferOwnership: false, lockedBecause: expect.stringContaining("only owner") });
  });

  it("lets one of two owners step down or remove the other", () => {
    const self = memberActions({ callerRole: "OWNER", target: { role: "OWNER" }, isMe: true, ownerCount: 2 });
    expect(self.roles).toEqual(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
    expect(self.remove).toBe(false);
    const other = memberActions({ callerRole: "OWNER", target: { role: "OWNER" }, isMe: false, ownerCount: 2 });
    expect(other).toMatchObject({ remove: true, transferOwnership: false, lockedBecause: null });
  });

  it("gives an admin no say over an owner, and no Owner option for anyone", () => {
    expect(memberActions({ callerRole: "ADMIN", target: { role: "OWNER" }, isMe: false, ownerCount: 2 })).toEqual({
      roles: [],
      remove: false,
      transferOwnership: false,
      lockedBecause: null,
    });
    const viewer = memberActions({ callerRole: "ADMIN", target: { role: "VIEWER" }, isMe: false, ownerCount: 1 });
    expect(viewer).toMatchObject({ roles: ["ADMIN", "MEMBER", "VIEWER"], remove: true, transferOwnership: false });
  });

  it("offers members and viewers nothing to change", () => {
    for (const callerRole of ["MEMBER", "VIEWER"] as const) {
      expect(memberActions({ callerRole, target: { role: "VIEWER" }, isMe: false, ownerCount: 1 })).toEqual({
        roles: [],
        remove: false,
        transferOwnership: false,
        lockedBecause: null,
      });
    }
  });

  it("offers an owner the transfer of ownership to anyone but an owner or themself", () => {
    expect(memberActions({ callerRole: "OWNER", target: { role: "ADMIN" }, isMe: false, ownerCount: 1 }).transferOwnership).toBe(true);
    expect(memberActions({ callerRole: "OWNER", target: { role: "OWNER" }, isMe: true, ownerCount: 2 }).transferOwnership).toBe(false);
  });
});

describe("mayLeave", () => {
  it("keeps the last owner in, and lets everyone else go", () => {
    expect(mayLeave("OWNER", 1)).toBe(false);
    expect(mayLeave("OWNER", 2)).toBe(true);
    expect(mayLeave("VIEWER", 1)).toBe(true);
  });
});
