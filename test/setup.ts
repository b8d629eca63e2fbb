import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, expect } from "vitest";

// Storage is isolated per test file; every file starts from an empty, fully migrated D1.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS ?? []);

/**
 * Privacy guard over every log line the code under test writes: no email address, IPv4/IPv6
 * address or browser user agent may ever appear. Violations are collected and fail the file.
 */
const FORBIDDEN = [
  { what: "email", re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/ },
  { what: "IPv4", re: /\b(?:\d{1,3}\.){3}\d{1,3}\b/ },
  { what: "IPv6", re: /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/i },
  { what: "user agent", re: /Mozilla\/|PrivacyProbe|AppleWebKit|auth-test-\d/ },
];
const violations: string[] = [];
for (const level of ["log", "info", "warn", "error"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const line = args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
    // Allow the app's own origin in URLs (http://127.0.0.1:8787/...) — it identifies the server, not a person.
    const scrubbed = line.replace(/https?:\/\/127\.0\.0\.1(:\d+)?/g, "");
    for (const f of FORBIDDEN) if (f.re.test(scrubbed)) violations.push(`${f.what} in log line: ${line.slice(0, 200)}`);
    original(...args);
  };
}

afterAll(() => {
  expect(violations, "log lines must never carry emails, IPs or user agents").toEqual([]);
});
