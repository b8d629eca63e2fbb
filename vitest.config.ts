import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Fixed, test-only secrets: the suite must not depend on a developer's generated .dev.vars.
const TEST_SECRETS = {
  // wrangler.toml describes production; the tests run the development entry in development mode.
  ENVIRONMENT: "development",
  EMAIL_DELIVERY: "dev-outbox",
  JWT_SECRET: "test-jwt-secret-0123456789abcdef0123456789abcdef",
  EMAIL_ENC_KEY: "test-email-enc-key-0123456789abcdef",
  EMAIL_HMAC_KEY: "test-email-hmac-key-0123456789abcdef",
  FINGERPRINT_SECRET: "test-fingerprint-secret-0123456789",
  R2_ACCESS_KEY_ID: "meetinghouse-dev-access-key",
  R2_SECRET_ACCESS_KEY: "meetinghouse-dev-secret-key-not-for-production",
  // Attendance slips: the current key signs; the previous one is published (public half only).
  SLIP_SIGNING_KEY: JSON.stringify({
    keys: [
      { kty: "OKP", crv: "Ed25519", kid: "test-slip-2026a", x: "N6IX3M74jrrMJvPLZBWMZlVilkziLTNiCEkqJRWFPRA", d: "aXbANzC-FZOIwPsABOQDlibFRXYgDCSs1DBygCq2VPs" },
      { kty: "OKP", crv: "Ed25519", kid: "test-slip-2025z", x: "YlKOyOLd8jGyj3pQC1i6zZOIEAj_0FV04ot8KqFwFgg" },
    ],
  }),
};

export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: "./worker/dev/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: { bindings: { ...TEST_SECRETS, TEST_MIGRATIONS: migrations } },
            }),
          ],
          test: {
            name: "worker",
            include: ["worker/**/*.test.ts", "test/**/*.test.ts"],
            setupFiles: ["./test/setup.ts"],
            testTimeout: 20_000,
          },
        },
        {
          test: {
            name: "web",
            // shared/: code both sides run, tested on Node. test/interop: our output read by real third-party programs (hledger, ical.js, node-ical) on Node. devtools/: the development SFU.
            include: ["web/src/**/*.test.ts", "web/src/**/*.test.tsx", "shared/**/*.test.ts", "test/interop/**/*.interop.ts", "devtools/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          test: {
            name: "browser",
            include: ["e2e/**/*.e2e.ts"],
            environment: "node",
            globalSetup: ["./e2e/global-setup.ts"],
            // Generous: a journey on a loaded 2-core machine can take minutes; nothing here asserts on time.
            testTimeout: 240_000,
            hookTimeout: 180_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
