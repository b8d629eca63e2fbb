import qrcode from "qrcode-generator";
import { describe, expect, it } from "vitest";
import { qrPath, slipFromHash, verifyUrl } from "./qr";

describe("the slip's QR code and verify link", () => {
  it("puts the token in the fragment, never the path or query, and reads it back", () => {
    const url = verifyUrl("https://meetings.example.org", "aaa.bbb.ccc");
    expect(url).toBe("https://meetings.example.org/verify#slip=aaa.bbb.ccc");
    const parsed = new URL(url);
    expect(parsed.search).toBe("");
    expect(parsed.pathname).toBe("/verify");
    expect(slipFromHash(parsed.hash)).toBe("aaa.bbb.ccc");
    expect(slipFromHash("")).toBeNull();
    expect(slipFromHash("#slip=")).toBeNull();
    expect(slipFromHash("#other=1")).toBeNull();
  });

  it("draws exactly the library's dark modules (finder pattern at the corner) for a slip-sized link", () => {
    const text = verifyUrl("http://127.0.0.1:8787", `${"e".repeat(60)}.${"p".repeat(480)}.${"s".repeat(86)}`);
    const { size, d } = qrPath(text);
    const qr = qrcode(0, "M");
    qr.addData(text, "Byte");
    qr.make();
    expect(size).toBe(qr.getModuleCount());
    expect(size).toBeGreaterThan(21);
    // Rebuild the grid from the path and compare with the library's, module by module.
    const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const [, col, row, len] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let c = Number(col); c < Number(col) + Number(len); c++) grid[Number(row)][c] = true;
    }
    expect(grid).toEqual(
      Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => qr.isDark(r, c))),
    );
    expect(d.startsWith("M0 0h7v1h-7z")).toBe(true);
  });
});
