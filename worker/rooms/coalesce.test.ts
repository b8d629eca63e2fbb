import { describe, expect, it } from "vitest";
import { Coalescer } from "./coalesce";

describe("Coalescer", () => {
  it("turns a burst of flips into one commit of the last value", () => {
    const c = new Coalescer<string[]>([]);
    for (let i = 0; i < 999; i++) c.stage(i % 2 === 0 ? ["a"] : []);
    expect(c.flush()).toEqual(["a"]);
    expect(c.flush()).toBeNull();
  });

  it("commits nothing when the flips net out to what was committed", () => {
    const c = new Coalescer<string[]>(["b"]);
    for (let i = 0; i < 1000; i++) c.stage(i % 2 === 0 ? ["b", "a"] : ["b"]);
    expect(c.flush()).toBeNull();
    c.stage(["b", "a"]);
    expect(c.flush()).toEqual(["b", "a"]);
    c.stage(["b", "a"]);
    expect(c.flush()).toBeNull();
  });
});
