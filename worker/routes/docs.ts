import { Hono } from "hono";
import { type GenerateSpecOptions, generateSpecs } from "hono-openapi";
import { html, raw } from "hono/html";
import { allow } from "../auth/authz";
import type { AppEnv } from "../env";

type Spec = Awaited<ReturnType<typeof generateSpecs>>;
type Operation = { summary?: string; tags?: string[]; parameters?: { name: string; in: string; required?: boolean }[]; requestBody?: unknown };

const ERROR_RESPONSE = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };

const SPEC_OPTIONS: Partial<GenerateSpecOptions> = {
  documentation: {
    openapi: "3.1.0",
    info: {
      title: "Meetinghouse API",
      version: "0.1.0",
      description:
        "Anonymous-first home for 12-step virtual groups. Errors are `{ error: { code, message, issues? } }`. " +
        "Service members authenticate with the `mh_access` cookie or `Authorization: Bearer`; attendees never need an account.",
    },
    servers: [{ url: "/" }],
    components: {
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
              },
            },
          },
        },
      },
    },
  },
  exclude: ["/api/openapi.json", "/api/docs", "/api/*", "/*"],
  defaultOptions: Object.fromEntries(
    (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method) => [method, { responses: { "2XX": { description: "Success" }, default: ERROR_RESPONSE } }]),
  ),
  defaultValidationErrorResponse: { ...ERROR_RESPONSE, description: "Invalid input: `error.code` is `invalid_request` and `error.issues` names each field" },
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch] ?? ch);

function renderDocs(spec: Spec): string {
  const rows: string[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {}) as [string, Operation][]) {
      if (!op || typeof op !== "object" || !("responses" in op || "summary" in op)) continue;
      const params = (op.parameters ?? []).map((p) => `${escapeHtml(p.name)} <small>(${escapeHtml(p.in)}${p.required ? ", required" : ""})</small>`).join(", ");
      rows.push(
        `<tr><td><code class="m ${method}">${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td>` +
          `<td>${escapeHtml(op.summary ?? "")}${params ? `<br><small>Parameters: ${params}</small>` : ""}${op.requestBody ? "<br><small>JSON body (see openapi.json)</small>" : ""}</td>` +
          `<td>${escapeHtml((op.tags ?? []).join(", "))}</td></tr>`,
      );
    }
  }
  return rows.join("\n");
}

/** Builds the OpenAPI 3.1 document from the zod schemas the routes validate with. */
export function openApiRoutes(getApp: () => Hono<AppEnv>): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/openapi.json", allow.public(), async (c) => c.json(await generateSpecs(getApp(), SPEC_OPTIONS, c)))
    .get("/docs", allow.public(), async (c) => {
      const spec = await generateSpecs(getApp(), SPEC_OPTIONS, c);
      c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Meetinghouse API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.4rem;vertical-align:top}
.m{font-weight:700}.get{color:#05603a}.post{color:#1d4ed8}.patch,.put{color:#92400e}.delete{color:#b91c1c}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}td{border-color:#333}}</style></head>
<body><h1>Meetinghouse API</h1><p>${spec.info.description}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${spec.openapi}).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Area</th></tr></thead><tbody>
${raw(renderDocs(spec))}
</tbody></table></body></html>`);
    });
}
