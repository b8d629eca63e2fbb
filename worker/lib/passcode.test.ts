import { describe, expect, it } from "vitest";
import { checkPasscode, hashPasscode } from "./passcode";

describe("passcode hashing", () => {
  it("accepts the right passcode and refuses others", async () => {
    const stored = await hashPasscode("serenity");
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(stored).not.toContain("serenity");
    expect(await checkPasscode("serenity", stored)).toBe(true);
    expect(await checkPasscode("Serenity", stored)).toBe(false);
    expect(await checkPasscode("", stored)).toBe(false);
  });

  it("salts: the same passcode hashes differently each time", async () => {
    expect(await hashPasscode("x")).not.toBe(await hashPasscode("x"));
  });

  it("refuses a malformed stored hash", async () => {
    expect(await checkPasscode("x", "plain")).toBe(false);
  });
});
