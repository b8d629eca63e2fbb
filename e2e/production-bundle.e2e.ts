import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { toolEnv } from "./server";

const ROOT = resolve(import.meta.dirname, "..");

/** What `wrangler deploy` would upload (bundled, not sent): the Worker script as text. */
function bundle(entry?: string): string {
  const out = mkdtempSync(join(tmpdir(), "mh-bundle-"));
  try {
    const args = ["deploy", "--dry-run", "--outdir", out, ...(entry ? [entry] : [])];
    execFileSync(join(ROOT, "node_modules", ".bin", "wrangler"), args, { cwd: ROOT, env: toolEnv(), stdio: "pipe" });
    return readFileSync(join(out, "index.js"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Code that exists only for development: the dev routes, the outbox mailer, the demo seed. */
const DEV_ONLY = [
  "seedDemoData",
  "DevOutboxMailer",
  "readDevOutbox",
  '"dev-outbox"',
  "Lakeside Home Group",
  "sign-in mail that would have been sent",
];

describe("the production bundle (wrangler deploy of the default config)", () => {
  it("contains no dev routes, outbox or seed code; the development entry does (so the grep can see them)", {
    timeout: 120_000,
  }, () => {
    const production = bundle();
    expect(production).toContain("MeetingRoom");
    for (const marker of DEV_ONLY)
      expect(production.includes(marker), `${marker} in the production bundle`).toBe(false);
    const development = bundle("worker/dev/index.ts");
    for (const marker of DEV_ONLY)
      expect(development.includes(marker), `${marker} in the development bundle`).toBe(true);
  });

  it("is configured for production: ENVIRONMENT and the mail mode default to production values", () => {
    const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
    expect(toml).toMatch(/^ENVIRONMENT = "production"$/m);
    expect(toml).toMatch(/^EMAIL_DELIVERY = "http"$/m);
    expect(toml).toMatch(/^main = "worker\/index\.ts"$/m);
  });
});
