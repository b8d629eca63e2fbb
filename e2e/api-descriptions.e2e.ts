import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Parser } from "@asyncapi/parser";
import { describe, expect, inject, it } from "vitest";
import { toolEnv } from "./server";

const base = () => inject("baseUrl");
const REDOCLY = resolve(import.meta.dirname, "..", "node_modules", ".bin", "redocly");

describe("the API descriptions the running app publishes, read by their own tools", () => {
  it("OpenAPI passes `redocly lint` (recommended ruleset) with 0 errors", async () => {
    const res = await fetch(`${base()}/api/openapi.json`);
    expect(res.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), "mh-openapi-"));
    try {
      const file = join(dir, "openapi.json");
      writeFileSync(file, await res.text());
      // Exits non-zero on any error; the JSON report counts errors and warnings.
      let out = "";
      try {
        out = execFileSync(REDOCLY, ["lint", file, "--extends=recommended", "--format=json"], {
          encoding: "utf8",
          env: toolEnv(),
        });
      } catch (err) {
        out = (err as { stdout?: string }).stdout ?? String(err);
      }
      const report = JSON.parse(out.slice(out.indexOf("{"))) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string; severity: string }[];
      };
      const errors = report.problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("AsyncAPI 3.0 for the room is valid under @asyncapi/parser and lists every frame", async () => {
    const res = await fetch(`${base()}/api/asyncapi.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const { document, diagnostics } = await new Parser().parse(text);
    const errors = diagnostics
      .filter((d) => d.severity === 0)
      .map((d) => `${d.code}: ${d.message} at ${d.path.join(".")}`);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe("3.0.0");
    const names =
      document
        ?.allMessages()
        .all()
        .map((m) => m.name()) ?? [];
    for (const frame of ["chat.send", "hand.raise", "host.ban", "welcome", "chat.message", "ended", "error"])
      expect(names).toContain(frame);
  });

  it("the docs page links both documents", async () => {
    const html = await (await fetch(`${base()}/api/docs`)).text();
    expect(html).toContain('href="/api/openapi.json"');
    expect(html).toContain('href="/api/asyncapi.json"');
  });
});
