declare namespace Cloudflare {
  interface Env {
    /** Bound by vitest.config.ts for the test runtime only. */
    TEST_MIGRATIONS?: import("cloudflare:test").D1Migration[];
  }
}
