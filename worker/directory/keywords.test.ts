import { describe, expect, it } from "vitest";
import { parseKeywords, toFtsMatch } from "./keywords";

describe("parseKeywords", () => {
  it("ANDs words, keeps quoted phrases, splits on OR", () => {
    expect(parseKeywords('"big book" women OR newcomers')).toEqual([
      [
        { text: "big book", phrase: true },
        { text: "women", phrase: false },
      ],
      [{ text: "newcomers", phrase: false }],
    ]);
  });

  it("ignores stray ORs, punctuation-only terms and an unclosed quote's end", () => {
    expect(parseKeywords("OR -- or daily")).toEqual([[{ text: "daily", phrase: false }]]);
    expect(parseKeywords('"as bill')).toEqual([[{ text: "as bill", phrase: true }]]);
  });
});

describe("toFtsMatch", () => {
  it("quotes every term so FTS syntax cannot be injected", () => {
    expect(toFtsMatch(parseKeywords('"big book" women OR NEAR(x'))).toBe('("big book" AND "women"*) OR ("NEAR(x"*)');
    expect(toFtsMatch(parseKeywords('say "hi""'))).toBe('("say"* AND "hi")');
    expect(toFtsMatch(parseKeywords("   "))).toBeNull();
  });
});
