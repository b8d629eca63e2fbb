import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, decideReplay, requestFingerprint } from "./idempotency";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
  it("is invariant under key order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});

describe("requestFingerprint", () => {
  it("is equal for the same request and differs for another body or path", async () => {
    const a = await requestFingerprint("POST", "/x", { amount: 1, date: "2026-01-01" });
    expect(await requestFingerprint("post", "/x", { date: "2026-01-01", amount: 1 })).toBe(a);
    expect(await requestFingerprint("POST", "/x", { amount: 2, date: "2026-01-01" })).not.toBe(a);
    expect(await requestFingerprint("POST", "/y", { amount: 1, date: "2026-01-01" })).not.toBe(a);
  });
});

describe("decideReplay", () => {
  const stored = { requestHash: "h1", responseStatus: 201, responseBody: '{"ok":1}' };
  it("proceeds without a record, replays the same request, conflicts on another", () => {
    expect(decideReplay(undefined, "h1")).toEqual({ kind: "proceed" });
    expect(decideReplay(stored, "h1")).toEqual({ kind: "replay", status: 201, body: '{"ok":1}' });
    expect(decideReplay(stored, "h2")).toEqual({ kind: "conflict" });
  });
});
