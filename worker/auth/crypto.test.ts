import { describe, expect, it } from "vitest";
import { derivedOnce, hmac } from "./crypto";

describe("derivedOnce", () => {
  it("derives a key once per purpose and secret, and again after a failure", async () => {
    let calls = 0;
    const derive = () => {
      calls++;
      return Promise.resolve({ n: calls });
    };
    const first = await derivedOnce("test-a", "secret-1", derive);
    expect(await derivedOnce("test-a", "secret-1", derive)).toBe(first);
    expect(await derivedOnce("test-b", "secret-1", derive)).not.toBe(first);
    expect(await derivedOnce("test-a", "secret-2", derive)).not.toBe(first);
    expect(calls).toBe(3);

    await expect(derivedOnce("test-fail", "s", () => Promise.reject(new Error("bad key")))).rejects.toThrow("bad key");
    expect(await derivedOnce("test-fail", "s", () => Promise.resolve("good"))).toBe("good");
  });

  it("keeps a bounded number of keys, forgetting the oldest", async () => {
    let calls = 0;
    const derive = () => Promise.resolve(++calls);
    await derivedOnce("bounded", "oldest", derive);
    for (let i = 0; i < 40; i++) await derivedOnce("bounded", `s${i}`, derive);
    const before = calls;
    expect(await derivedOnce("bounded", "oldest", derive)).toBe(before + 1);
  });

  it("leaves the HMAC itself unchanged: the same digest with a cached key", async () => {
    const once = await hmac("k", "message");
    expect(await hmac("k", "message")).toBe(once);
    expect(await hmac("k2", "message")).not.toBe(once);
    // RFC 4231-style check against Node-independent WebCrypto: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")
    expect(await hmac("key", "The quick brown fox jumps over the lazy dog")).toBe(
      "97yD9DBThCSxMpjmqm-xQ-9NWaFJRhdZl0edvC0aPNg",
    );
  });
});
