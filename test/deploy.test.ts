import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hmac, normalizeEmail } from "../worker/auth/crypto";
import { callWithEnv, type ErrorJson } from "./helpers";

/**
 * A D1 binding that fails every statement with `message`, the text D1 itself throws (the runtime
 * binding prefixes "D1_ERROR: "). Only the binding is swapped: the Worker, drizzle and the error
 * handler run for real.
 */
function failingD1(message: string): D1Database {
  const fail = async () => {
    throw new Error(`D1_ERROR: ${message}`);
  };
  const statement: Record<string, unknown> = { all: fail, raw: fail, first: fail, run: fail };
  statement.bind = () => statement;
  return {
    prepare: () => statement,
    batch: fail,
    exec: fail,
    dump: fail,
    withSession: () => ({ prepare: () => statement, batch: fail }),
  } as unknown as D1Database;
}

const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json", Origin: env.APP_ORIGIN },
  body: JSON.stringify(body),
});

afterEach(() => vi.restoreAllMocks());

describe("configuration fails closed", () => {
  it("answers every request with a clear 500 when EMAIL_DELIVERY names no mailer this build has", async () => {
    for (const entry of ["production", "development"] as const) {
      const res = await callWithEnv("/api/healthz", { EMAIL_DELIVERY: "smtp" }, { entry });
      expect(res.status).toBe(500);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe("misconfigured");
      expect(body.error.message).toContain('EMAIL_DELIVERY "smtp"');
    }
  });

  it("names a missing secret instead of failing inside the first hash or token", async () => {
    for (const name of ["FINGERPRINT_SECRET", "JWT_SECRET"]) {
      for (const path of ["/api/healthz", "/api/meetings"]) {
        const res = await callWithEnv(path, { [name]: "" });
        expect(res.status).toBe(500);
        const body = (await res.json()) as ErrorJson;
        expect(body.error.code).toBe("misconfigured");
        expect(body.error.message).toContain(`${name} is not set`);
      }
    }
  });

  it("refuses an unknown ENVIRONMENT the same way", async () => {
    const res = await callWithEnv("/api/healthz", { ENVIRONMENT: "staging" });
    expect(res.status).toBe(500);
    expect(((await res.json()) as ErrorJson).error.message).toContain('ENVIRONMENT "staging"');
  });

  it("has no dev routes in the production app, even configured for development", async () => {
    for (const path of ["/api/dev/outbox", "/api/dev/seed"]) {
      const res = await callWithEnv(
        path,
        { ENVIRONMENT: "development", EMAIL_DELIVERY: "http" },
        { entry: "production", ...(path.endsWith("seed") ? json({}) : {}) },
      );
      expect(res.status).toBe(404);
    }
    // The development entry serves them only in development.
    expect((await callWithEnv("/api/dev/outbox", {})).status).toBe(200);
    expect((await callWithEnv("/api/dev/outbox", { ENVIRONMENT: "production" })).status).toBe(404);
  });
});

describe("D1 overloaded or unavailable", () => {
  it("answers 503 with Retry-After and the error JSON, and logs no SQL parameter", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    const email = "overload.probe@example.test";
    const emailKey = await hmac(env.EMAIL_HMAC_KEY, normalizeEmail(email));
    for (const message of ["D1 DB is overloaded. Too many requests queued.", "Network connection lost."]) {
      const res = await callWithEnv("/api/auth/magic-link", { DB: failingD1(message) }, json({ email }));
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(((await res.json()) as ErrorJson).error.code).toBe("unavailable");
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain('"kind":"d1_unavailable"');
    // The statement's bound parameter (the email's lookup hash) and the SQL never reach a log line.
    expect(lines.join("\n")).not.toContain(emailKey);
    expect(lines.join("\n")).not.toMatch(/params|select/i);
  });

  it("keeps other database failures a 500, logged by kind without the parameters", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    const email = "constraint.probe@example.test";
    const emailKey = await hmac(env.EMAIL_HMAC_KEY, normalizeEmail(email));
    const res = await callWithEnv(
      "/api/auth/magic-link",
      { DB: failingD1("UNIQUE constraint failed: users.email_hmac") },
      json({ email }),
    );
    expect(res.status).toBe(500);
    expect(((await res.json()) as ErrorJson).error.code).toBe("internal");
    expect(lines.join("\n")).toContain('"kind":"d1_error"');
    expect(lines.join("\n")).not.toContain(emailKey);
  });
});

describe("the read limit (RATE_LIMITER, 600 a minute per client address)", () => {
  /**
   * The binding counts in fixed 60 s windows on the wall clock, which a test cannot move. What
   * holds wherever a boundary falls: the first 600 reads of a fresh client are all answered (no
   * window holds more than 600 of them), and 1,201 reads within 60 s span at most two windows,
   * so one of them holds ≥ 601: a 429 is certain. The test's own timeout (50 s) keeps it inside 60 s.
   */
  it.each([
    ["/api/healthz", "198.51.100.23"],
    ["/.well-known/jwks.json", "198.51.100.25"],
  ])(
    "answers 429 with Retry-After past 600 reads of %s, never within them",
    { timeout: 50_000 },
    async (path, address) => {
      const headers = { "CF-Connecting-IP": address, "User-Agent": "read-limit-probe" };
      const statuses: number[] = [];
      let refused: Response | undefined;
      while (statuses.length < 1_201 && !refused) {
        const batch = await Promise.all(
          Array.from({ length: 50 }, () =>
            exports.default.fetch(new Request(`http://127.0.0.1:8787${path}`, { headers })),
          ),
        );
        for (const res of batch) {
          statuses.push(res.status);
          if (res.status === 429) refused ??= res;
          else await res.arrayBuffer();
        }
      }
      expect(statuses.slice(0, 600).every((s) => s === 200)).toBe(true);
      if (!refused) throw new Error(`no 429 in ${statuses.length} reads`);
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(((await refused.json()) as ErrorJson).error.code).toBe("rate_limited");
      // Another client is unaffected.
      expect(
        (
          await exports.default.fetch(
            new Request(`http://127.0.0.1:8787${path}`, { headers: { "CF-Connecting-IP": "198.51.100.24" } }),
          )
        ).status,
      ).toBe(200);
    },
  );
});
