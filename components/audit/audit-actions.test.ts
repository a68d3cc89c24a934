import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditActionLabel, auditTargetLabel } from "./audit-actions";

describe("auditActionLabel", () => {
  it("labels known actions and passes unknown ones through", () => {
    expect(auditActionLabel("invitation.created")).toBe("Invitation sent");
    expect(auditActionLabel("connection.created")).toBe("Connection added");
    expect(auditActionLabel("something.new")).toBe("something.new");
  });
});

describe("auditTargetLabel", () => {
  it("describes an invitation by email and role", () => {
    expect(auditTargetLabel({ targetType: "Invitation", targetId: "inv_1", metadata: { email: "a@b.co", role: "VIEWER" } })).toBe(
      "a@b.co · viewer",
    );
  });

  it("describes a role change", () => {
    expect(
      auditTargetLabel({ targetType: "Membership", targetId: "m_1", metadata: { userId: "u", from: "VIEWER", to: "ADMIN" } }),
    ).toBe("viewer → admin");
  });

  it("describes a rename", () => {
    expect(
      auditTargetLabel({ targetType: "Workspace", targetId: "w_1", metadata: { name: { from: "Old", to: "New" } } }),
    ).toBe("renamed to “New”");
  });

  it("falls back to the target type and a short id", () => {
    expect(auditTargetLabel({ targetType: "Membership", targetId: "cm123456789", metadata: {} })).toBe("Membership …456789");
    expect(auditTargetLabel({ targetType: null, targetId: null, metadata: null })).toBe("—");
  });
});

describe("AUDIT_ACTION_LABELS", () => {
  // The audit page's filter lists labelled actions only, so every action a service records needs one.
  it("labels every action the services record", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const root = join(process.cwd(), "server", "services");
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const recorded = new Set<string>();
    for (const file of files) {
      for (const match of (await readFile(join(root, file), "utf8")).matchAll(/action: "([a-z_]+\.[a-z_.]+)"/g)) {
        recorded.add(match[1]!);
      }
    }
    expect(recorded.size).toBeGreaterThan(0);
    expect([...recorded].filter((action) => !(action in AUDIT_ACTION_LABELS))).toEqual([]);
  });
});
