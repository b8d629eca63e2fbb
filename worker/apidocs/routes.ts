import { Hono } from "hono";
import { html, raw } from "hono/html";
import { buildAsyncApi } from "./asyncapi";
import { buildOpenApi, type OpenApiDocument } from "../http/openapi";
import { allow } from "../http/allow";
import type { AppEnv } from "../env";

type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch] ?? ch);

function renderDocs(spec: OpenApiDocument): string {
  const rows: string[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {}) as [string, Operation][]) {
      if (!op || typeof op !== "object" || !("responses" in op || "summary" in op)) continue;
      const params = (op.parameters ?? [])
        .map((p) => `${escapeHtml(p.name)} <small>(${escapeHtml(p.in)}${p.required ? ", required" : ""})</small>`)
        .join(", ");
      rows.push(
        `<tr><td><code class="m ${method}">${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td>` +
          `<td>${escapeHtml(op.summary ?? "")}${params ? `<br><small>Parameters: ${params}</small>` : ""}${op.requestBody ? "<br><small>JSON body (see openapi.json)</small>" : ""}</td>` +
          `<td>${escapeHtml((op.tags ?? []).join(", "))}</td></tr>`,
      );
    }
  }
  return rows.join("\n");
}

/** The OpenAPI 3.1 document (HTTP), the AsyncAPI 3.0 document (the room's WebSocket) and a page linking both. */
export function openApiRoutes(getApp: () => Hono<AppEnv>): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/openapi.json", allow.public(), async (c) => c.json(await buildOpenApi(getApp(), c)))
    .get("/asyncapi.json", allow.public(), (c) => c.json(buildAsyncApi(c.env.APP_ORIGIN)))
    .get("/docs", allow.public(), async (c) => {
      const spec = await buildOpenApi(getApp(), c);
      c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Meetinghouse API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.4rem;vertical-align:top}
.m{font-weight:700}.get{color:#05603a}.post{color:#1d4ed8}.patch,.put{color:#92400e}.delete{color:#b91c1c}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}td{border-color:#333}}</style></head>
<body><h1>Meetinghouse API</h1><p>${spec.info.description}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${spec.openapi}, the HTTP API) and
<a href="/api/asyncapi.json">/api/asyncapi.json</a> (AsyncAPI 3.0, the live room's WebSocket protocol).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Area</th></tr></thead><tbody>
${raw(renderDocs(spec))}
</tbody></table></body></html>`);
    });
}
