import { describe, expect, it } from "vitest";
import { countLinks } from "./links";

describe("countLinks", () => {
  it("counts links and bare domains", () => {
    expect(countLinks("see https://a.example/x and www.b.org and spam.ru")).toBe(3);
    expect(countLinks("no links here, just a sentence.")).toBe(0);
  });
});
