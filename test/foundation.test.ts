import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, callWithEnv, type ErrorJson } from "./helpers";

describe("health", () => {
  it("answers liveness without I/O", async () => {
    const res = await call("/api/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("X-Request-Id")).toMatch(/^req_/);
  });

  it("reports D1, R2 and the rooms ready", async () => {
    const res = await call("/api/readyz");
    const body = (await res.json()) as { ok: boolean; checks: Record<string, { ok: boolean; ms: number }> };
    expect(res.status).toBe(200);
    expect(body.ok).toBe(true);
    for (const dep of ["d1", "r2", "rooms"]) expect(body.checks[dep]?.ok).toBe(true);
  });

  it("fails readiness with 503 when a dependency is missing", async () => {
    const res = await callWithEnv("/api/readyz", { RECEIPTS: undefined as unknown as R2Bucket });
    const body = (await res.json()) as { ok: boolean; checks: Record<string, { ok: boolean }> };
    expect(res.status).toBe(503);
    expect(body.checks.r2?.ok).toBe(false);
    expect(body.checks.d1?.ok).toBe(true);
  });
});

describe("error shape", () => {
  it("answers unknown /api routes with JSON 404", async () => {
    const res = await call("/api/no-such-thing");
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("not_found");
  });

  it("refuses malformed JSON with 400", async () => {
    const res = await call("/api/healthz", {
      method: "POST",
      body: "{not json",
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe("malformed_json");
  });

  it("refuses a non-JSON body with 415", async () => {
    const res = await call("/api/healthz", {
      method: "POST",
      body: "a=1",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorJson).error.code).toBe("unsupported_media_type");
  });

  it("refuses a cross-origin POST", async () => {
    const res = await call("/api/healthz", { method: "POST", json: {}, headers: { Origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorJson).error.code).toBe("bad_origin");
  });

  it("allows a same-origin POST through to routing", async () => {
    const res = await call("/api/healthz", { method: "POST", json: {}, headers: { Origin: "http://127.0.0.1:8787" } });
    expect(res.status).toBe(404);
  });
});

describe("security headers", () => {
  it("sets HSTS, nosniff and no-referrer on API responses", async () => {
    const res = await call("/api/healthz");
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
  });

  it("answers CORS preflight only for allowed origins", async () => {
    const ok = await callWithEnv("/api/healthz", { CORS_ORIGINS: "https://dash.example" });
    expect(ok.status).toBe(200);
    const pre = await call("/api/healthz", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("OpenAPI", () => {
  it("serves an OpenAPI 3.1 document and a docs page", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const spec = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toContain("/api/healthz");
    const docs = await call("/api/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/api/readyz");
  });
});

describe("migrations", () => {
  it("apply to an empty D1 and create the core tables", async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{
      name: string;
    }>();
    const names = results.map((r) => r.name);
    for (const t of ["groups", "users", "service_assignments", "meetings", "occurrences"]) expect(names).toContain(t);
  });
});

describe("logging", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON line per request with ids and no client identifiers", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    await call("/api/healthz?token=secret-looking", {
      headers: { "User-Agent": "Mozilla/5.0 test-agent", "CF-Connecting-IP": "203.0.113.9" },
    });
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "request");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ method: "GET", route: "/api/healthz", status: 200 });
    const text = lines.join("\n");
    expect(text).not.toContain("203.0.113.9");
    expect(text).not.toContain("test-agent");
    expect(text).not.toContain("secret-looking");
  });
});
