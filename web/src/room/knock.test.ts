import { describe, expect, it } from "vitest";
import { newKnocks } from "./knock";

const w = (id: string) => ({ id, name: id, since: 0 });

describe("knocks at the waiting room", () => {
  it("counts people who were not waiting before", () => {
    expect(newKnocks(new Set(), [w("a"), w("b")])).toBe(2);
    expect(newKnocks(new Set(["a"]), [w("a"), w("b")])).toBe(1);
  });
  it("is quiet when people leave the list or it is unchanged", () => {
    expect(newKnocks(new Set(["a", "b"]), [w("a")])).toBe(0);
    expect(newKnocks(new Set(["a"]), [w("a")])).toBe(0);
  });
});
