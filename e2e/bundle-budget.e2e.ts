import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

describe("the attendee's download (issue 7)", () => {
  it("directory, meeting page, join and room stay within 100 KB gzip (bench/bundle-size.mjs exits 1 above it)", {
    timeout: 120_000,
  }, () => {
    // Throws, with the script's "Over budget by …", when the budget is broken.
    const report = execFileSync(process.execPath, [resolve(ROOT, "bench", "bundle-size.mjs")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const total = report.match(/= attendee path ([\d.]+) KB gzip/)?.[1];
    expect(Number(total)).toBeGreaterThan(50); // the line was read: a real build, measured
    expect(Number(total)).toBeLessThanOrEqual(100);
  });
});
