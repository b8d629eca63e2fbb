import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { createServer } from "node:net";
import { defineConfig } from "vitest/config";

/** A free loopback port for the development SFU the worker tests' global setup starts (test/dev-sfu-setup.ts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
      {
        kty: "OKP",
        crv: "Ed25519",
        kid: "test-slip-2026a",
        x: "N6IX3M74jrrMJvPLZBWMZlVilkziLTNiCEkqJRWFPRA",
        d: "aXbANzC-FZOIwPsABOQDlibFRXYgDCSs1DBygCq2VPs",
      },
      { kty: "OKP", crv: "Ed25519", kid: "test-slip-2025z", x: "YlKOyOLd8jGyj3pQC1i6zZOIEAj_0FV04ot8KqFwFgg" },
    ],
  }),
};

export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  // Voice: the rooms call the development SFU on loopback, as they would call Cloudflare Realtime.
  const sfuPort = Number(process.env.DEV_SFU_PORT || (await freePort()));
  process.env.DEV_SFU_PORT = String(sfuPort);
  const realtime = {
    REALTIME_API_BASE: `http://127.0.0.1:${sfuPort}/v1`,
    REALTIME_APP_ID: "meetinghouse-test",
    REALTIME_APP_SECRET: "test-realtime-secret-0123456789abcdef",
    // TURN: the development SFU answers Cloudflare TURN's credentials request with this key.
    TURN_KEY_ID: "meetinghouse-test-turn",
    TURN_KEY_API_TOKEN: "test-turn-token-0123456789abcdef",
  };
  process.env.MH_TEST_REALTIME = JSON.stringify(realtime);
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: "./worker/dev/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: { bindings: { ...TEST_SECRETS, ...realtime, TEST_MIGRATIONS: migrations } },
            }),
          ],
          test: {
            name: "worker",
            globalSetup: ["./test/dev-sfu-setup.ts"],
            include: ["worker/**/*.test.ts", "test/**/*.test.ts"],
            setupFiles: ["./test/setup.ts"],
            testTimeout: 20_000,
          },
        },
        {
          test: {
            name: "web",
            // shared/: code both sides run, tested on Node. test/interop: our output read by real third-party programs (hledger, ical.js, node-ical) on Node. devtools/: the development SFU.
            include: [
              "web/src/**/*.test.ts",
              "web/src/**/*.test.tsx",
              "shared/**/*.test.ts",
              "test/interop/**/*.interop.ts",
              "devtools/**/*.test.ts",
            ],
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
