import type { TestProject } from "vitest/node";
import { startDevServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** wrangler dev's local state (D1, R2, the observability trace store) and its output file. */
    devState: { state: string; logFile: string };
  }
}

/**
 * One `wrangler dev` (real workerd, D1, DO, R2) with demo data for every browser journey.
 * E2E_PORT lets two checkouts on one machine run their journeys side by side.
 */
export default async function setup(project: TestProject) {
  const server = await startDevServer(Number(process.env.E2E_PORT ?? 8790));
  project.provide("baseUrl", server.url);
  project.provide("devState", { state: server.state, logFile: server.logFile });
  return server.stop;
}
