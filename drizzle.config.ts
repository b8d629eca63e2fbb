import { defineConfig } from "drizzle-kit";

// Generates reviewed SQL into migrations/; applied by `wrangler d1 migrations apply` and the tests.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
