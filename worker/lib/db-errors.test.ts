import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { dbErrorKind } from "./db-errors";

const d1 = (message: string) => new Error(`D1_ERROR: ${message}`);

describe("dbErrorKind", () => {
  it("sees D1's overload and transient errors through drizzle's wrapper", () => {
    for (const message of [
      "D1 DB is overloaded. Too many requests queued.",
      "Network connection lost.",
      "D1 DB storage operation exceeded timeout which caused object to be reset.",
    ]) {
      expect(dbErrorKind(new DrizzleQueryError("select 1 where x = ?", ["secret"], d1(message)))).toBe(
        "d1_unavailable",
      );
      expect(dbErrorKind(new Error(message.startsWith("D1") ? message : `D1_ERROR: ${message}`))).toBe(
        "d1_unavailable",
      );
    }
  });

  it("calls other database failures d1_error and everything else null", () => {
    expect(
      dbErrorKind(new DrizzleQueryError("insert into t values (?)", ["a"], d1("UNIQUE constraint failed: t.id"))),
    ).toBe("d1_error");
    expect(dbErrorKind(new Error("Failed query: select ?\nparams: x"))).toBe("d1_error");
    expect(dbErrorKind(new TypeError("x is undefined"))).toBeNull();
    expect(dbErrorKind("a string")).toBeNull();
  });
});
