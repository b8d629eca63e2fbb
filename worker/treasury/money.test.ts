import { describe, expect, it } from "vitest";
import { centsSchema, centsToDecimal, isRealDate, positiveCentsSchema } from "./money";

describe("centsSchema", () => {
  it("accepts integer cents within range", () => {
    for (const n of [0, 1, -1, 1005, 100_000_000_000, -100_000_000_000])
      expect(centsSchema.safeParse(n).success).toBe(true);
  });
  it("refuses fractions, strings, huge numbers and non-finite values", () => {
    for (const bad of [
      10.005,
      0.5,
      "10",
      "1000",
      1e20,
      100_000_000_001,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      true,
    ]) {
      expect(centsSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
  it("positive amounts refuse zero and negatives", () => {
    expect(positiveCentsSchema.safeParse(0).success).toBe(false);
    expect(positiveCentsSchema.safeParse(-5).success).toBe(false);
    expect(positiveCentsSchema.safeParse(5).success).toBe(true);
  });
});

describe("centsToDecimal", () => {
  it("prints two decimals without grouping", () => {
    expect(centsToDecimal(0)).toBe("0.00");
    expect(centsToDecimal(5)).toBe("0.05");
    expect(centsToDecimal(-123456)).toBe("-1234.56");
    expect(centsToDecimal(100_000_000_000)).toBe("1000000000.00");
  });
});

describe("isRealDate", () => {
  it("accepts real dates only", () => {
    expect(isRealDate("2026-02-28")).toBe(true);
    expect(isRealDate("2024-02-29")).toBe(true);
    expect(isRealDate("2026-02-30")).toBe(false);
    expect(isRealDate("2026-2-3")).toBe(false);
    expect(isRealDate("2026-13-01")).toBe(false);
  });
});
