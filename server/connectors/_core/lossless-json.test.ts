import { describe, expect, it } from "vitest";
import { parseJsonLosslessly } from "./lossless-json";

describe("parseJsonLosslessly", () => {
  it("keeps integers beyond 2^53 digit for digit, as strings", () => {
    const body = '{"id": 788032119674292922, "ids": [820982911946154508, -9007199254740993], "safe": 9007199254740991}';
    expect(JSON.parse(body)).toMatchObject({ id: 788032119674292900 });
    expect(parseJsonLosslessly(body)).toEqual({ id: "788032119674292922", ids: ["820982911946154508", "-9007199254740993"], safe: 9007199254740991 });
  });

  it("parses everything else as JSON.parse does: strings holding digits, quotes and escapes, fractions, exponents", () => {
    const body = String.raw`{"note": "order 788032119674292922 \"quoted\" \\", "price": 19.99, "big": 1e21, "tiny": -0.5, "flags": [true, false, null], "nested": {"k": "v\u0041"}}`;
    expect(parseJsonLosslessly(body)).toEqual(JSON.parse(body));
  });

  it("refuses what is not JSON, a leading zero before a long integer included", () => {
    expect(() => parseJsonLosslessly("{ not json")).toThrow(SyntaxError);
    expect(() => parseJsonLosslessly('{"id": 0788032119674292922}')).toThrow(SyntaxError);
  });
});
