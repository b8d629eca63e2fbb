/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

/** Every TypeScript source under worker/, as text (Vite inlines them; workerd has no file system). */
const workerSources = import.meta.glob<string>(["../worker/**/*.ts", "!../worker/**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Request plumbing, the app and route files may speak HTTP; domain code may not. */
function mayImportHono(path: string): boolean {
  return (
    path.startsWith("../worker/http/") ||
    path === "../worker/app.ts" ||
    path.endsWith("/routes.ts") ||
    path.includes("/routes/")
  );
}

/** The module specifiers a source imports or re-exports (static and dynamic). */
function importsOf(source: string): string[] {
  const specs = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]);
  return [...new Set(specs)];
}

describe("architecture", () => {
  it("reads the worker's sources", () => {
    expect(Object.keys(workerSources).length).toBeGreaterThan(100);
    expect(workerSources["../worker/app.ts"]).toContain("createApp");
  });

  it("no file under worker/ imports hono outside worker/http/, worker/app.ts and route files", () => {
    const offenders = Object.entries(workerSources)
      .filter(([path]) => !mayImportHono(path))
      .flatMap(([path, source]) =>
        importsOf(source)
          .filter((s) => s === "hono" || s.startsWith("hono/"))
          .map((s) => `${path.slice(3)} imports ${s}`),
      );
    expect(offenders).toEqual([]);
  });
});
