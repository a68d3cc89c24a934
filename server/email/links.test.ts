import { describe, expect, it } from "vitest";
import { extractLinks } from "./links";

describe("extractLinks", () => {
  it("returns each http(s) link once, in order, with entities decoded", () => {
    const html = `<a href="https://a.test/x?token=1&amp;email=b%40c.test">go</a>
      <a class="btn" href='http://b.test/'>b</a>
      <a href="https://a.test/x?token=1&amp;email=b%40c.test">again</a>
      <a href="mailto:someone@x.test">mail</a><a name="top">anchor</a>`;
    expect(extractLinks(html)).toEqual(["https://a.test/x?token=1&email=b%40c.test", "http://b.test/"]);
  });

  it("returns nothing for html without links", () => {
    expect(extractLinks("<p>hello</p>")).toEqual([]);
  });
});
