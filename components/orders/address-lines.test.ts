import { describe, expect, it } from "vitest";
import { addressRecord } from "@/prisma/factories/commerce";
import { addressLines, sameAddress } from "./address-lines";

describe("addressLines", () => {
  it("puts the postal code where the country writes it", () => {
    const berlin = addressRecord({ name: "Lena Schmidt", address1: "Torstraße 101", address2: null, city: "Berlin", province: null, provinceCode: null, zip: "10119", country: "Germany", countryCode: "DE" });
    expect(addressLines(berlin, "en-US")).toEqual(["Lena Schmidt", "Torstraße 101", "10119 Berlin", "Germany"]);
    const london = { ...berlin, name: "Ada Lovelace", address1: "12 Marylebone High St", city: "London", zip: "W1U 4NR", country: "United Kingdom", countryCode: "GB" };
    expect(addressLines(london, "en-US")).toEqual(["Ada Lovelace", "12 Marylebone High St", "London", "W1U 4NR", "United Kingdom"]);
  });

  it("names the country in the reader's language, else as the store wrote it", () => {
    const berlin = addressRecord({ city: "Berlin", zip: "10119", country: "Germany", countryCode: "DE" });
    expect(addressLines(berlin, "de-DE").at(-1)).toBe("Deutschland");
    expect(addressLines({ ...berlin, countryCode: null, country: "Germany" }, "de-DE").at(-1)).toBe("Germany");
  });

  it("tells the same address from one that differs in any part", () => {
    expect(sameAddress(addressRecord(), addressRecord())).toBe(true);
    expect(sameAddress(addressRecord(), addressRecord({ phone: "+81 3-1234-5678" }))).toBe(false);
  });
});
