import { describe, expect, it } from "vitest";
import { createApp } from "../worker/app";
import { devRoutes } from "../worker/dev/routes";
import { fetchOpenApi, operations } from "./openapi-support";
import expected from "./route-table.json";

/**
 * The URL table is a contract: moving route files between folders and mounting them at their
 * prefixes must not add, drop or rename an endpoint. route-table.json was written before the move.
 */
describe("route table", () => {
  it("the OpenAPI document lists exactly the recorded method + path pairs", async () => {
    const listed = operations(await fetchOpenApi())
      .map((o) => `${o.method.toUpperCase()} ${o.path}`)
      .sort();
    expect(listed).toEqual(expected.openapi);
  });

  it("the app routes exactly the recorded method + path pairs (undocumented ones too)", () => {
    const app = createApp({ path: "/dev", routes: devRoutes });
    const routed = [...new Set(app.routes.map((r) => `${r.method} ${r.path}`))].sort();
    expect(routed).toEqual(expected.routes);
  });
});
