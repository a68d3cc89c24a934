import { describe, expect, it } from "vitest";
import { findNul, NUL_MESSAGE, nulQueryParameter, refuseNulQueryParameters } from "./nul-bytes";

describe("findNul", () => {
  it("returns the path of the first string or key holding a NUL, in field order", () => {
    expect(findNul({ a: "ok", b: ["ok", { c: "x\u0000" }], d: "\u0000" })).toEqual(["b", 1, "c"]);
    expect(findNul({ ok: 1, ["k\u0000"]: 2 })).toEqual(["k\u0000"]);
    expect(findNul("\u0000")).toEqual([]);
    expect(findNul({ a: "fine", n: 1, d: new Date(0), nothing: null, no: undefined })).toBeNull();
  });

  it("survives shared references, cycles and deep nesting", () => {
    const cyclic: Record<string, unknown> = { name: "ok" };
    cyclic.self = cyclic;
    expect(findNul(cyclic)).toBeNull();
    let deep: unknown = "bottom\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNul(deep)).toHaveLength(100_000);
  });
});

describe("query parameters", () => {
  it("names the first parameter holding a NUL in its name or value", () => {
    expect(nulQueryParameter(new URLSearchParams("shop=a.myshopify.com&workspace=acme%00"))).toBe("workspace");
    expect(nulQueryParameter(new URLSearchParams("x%00=1"))).toBe("x\u0000");
    expect(nulQueryParameter(new URLSearchParams("shop=a.myshopify.com"))).toBeNull();
  });

  it("answers 400 with the field, or nothing when the query is clean", async () => {
    const refused = refuseNulQueryParameters(new URLSearchParams("workspace=%00"));
    expect(refused?.status).toBe(400);
    expect(await refused?.json()).toEqual({ error: "invalid_parameter", field: "workspace", message: `workspace: ${NUL_MESSAGE}` });
    expect(refuseNulQueryParameters(new URLSearchParams("workspace=acme"))).toBeNull();
  });
});
