import type { TestProject } from "vitest/node";
import { startDevServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One `wrangler dev` (real workerd, D1, DO, R2) with demo data for every browser journey. */
export default async function setup(project: TestProject) {
  const server = await startDevServer(8790);
  project.provide("baseUrl", server.url);
  return server.stop;
}
