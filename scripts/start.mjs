// `npm start`: build the web app, apply local D1 migrations, run wrangler dev on 127.0.0.1:8787,
// seed the demo data (idempotent) and print where to go. No Cloudflare account or secret needed.
// It runs the development entry (worker/dev/index.ts: dev outbox, /api/dev/*) with the development
// settings from .dev.vars; wrangler.toml itself describes production.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules", ".bin");
const PORT = Number(process.env.PORT ?? 8787);
const URL_BASE = `http://127.0.0.1:${PORT}`;
const env = {
  ...process.env,
  PATH: `${BIN}:${process.env.PATH ?? ""}`,
  XDG_CONFIG_HOME: join(ROOT, ".xdg"),
  WRANGLER_SEND_METRICS: "false",
};
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, env, stdio: "inherit" });

run(process.execPath, [join(ROOT, "scripts", "dev-vars.mjs")]);
console.log("\n› Building the web app…");
run(join(BIN, "vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
console.log("› Applying D1 migrations to the local database…");
run(join(BIN, "wrangler"), ["d1", "migrations", "apply", "DB", "--local"]);

// The development SFU (devtools/sfu/): the room's voice goes through it as it would through
// Cloudflare Realtime. A fresh app secret per run; only the Worker and the SFU know it. The same for
// the TURN key's token: the SFU answers TURN's credentials request as Cloudflare would (no relay here).
console.log("› Starting the development SFU on loopback…");
const realtime = { appId: "meetinghouse-dev", secret: randomBytes(32).toString("base64url") };
const turn = { keyId: "meetinghouse-dev-turn", token: randomBytes(32).toString("base64url") };
const sfu = spawn(join(BIN, "node"), [join(ROOT, "devtools", "sfu", "main.ts")], {
  cwd: ROOT,
  env: {
    ...env,
    REALTIME_APP_ID: realtime.appId,
    REALTIME_APP_SECRET: realtime.secret,
    TURN_KEY_ID: turn.keyId,
    TURN_KEY_API_TOKEN: turn.token,
    DEV_SFU_PORT: process.env.DEV_SFU_PORT ?? "0",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
const sfuBase = await new Promise((resolveBase, reject) => {
  let out = "";
  sfu.stdout.on("data", (d) => {
    out += d;
    const line = out.split("\n").find((l) => l.startsWith('{"devSfu"'));
    if (line) resolveBase(JSON.parse(line).devSfu);
  });
  sfu.once("exit", (code) => reject(new Error(`the development SFU exited with ${code}`)));
});

console.log(`› Starting wrangler dev on ${URL_BASE} …`);
const realtimeVars = [
  "--var",
  `REALTIME_API_BASE:${sfuBase}`,
  "--var",
  `REALTIME_APP_ID:${realtime.appId}`,
  "--var",
  `REALTIME_APP_SECRET:${realtime.secret}`,
  "--var",
  `TURN_KEY_ID:${turn.keyId}`,
  "--var",
  `TURN_KEY_API_TOKEN:${turn.token}`,
];
const dev = spawn(
  join(BIN, "wrangler"),
  [
    "dev",
    "worker/dev/index.ts",
    "--ip",
    "127.0.0.1",
    "--port",
    String(PORT),
    "--var",
    `APP_ORIGIN:${URL_BASE}`,
    ...realtimeVars,
  ],
  { cwd: ROOT, env, stdio: "inherit" },
);
const stop = () => {
  dev.kill("SIGTERM");
  sfu.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => process.exit(code ?? 0));

async function waitForHealth() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${URL_BASE}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("wrangler dev did not become healthy in 90 s");
}

try {
  await waitForHealth();
  const res = await fetch(`${URL_BASE}/api/dev/seed`, { method: "POST" });
  if (!res.ok) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  const counts = await res.json();
  console.log(`
  ┌─────────────────────────────────────────────────────────────────────
  │ Meetinghouse is running at ${URL_BASE}
  │   directory   ${URL_BASE}/
  │   dashboard   ${URL_BASE}/service   (sign in as admin@ / secretary@ / host@ / treasurer@meetinghouse.test;
  │                                       the link appears in ${URL_BASE}/api/dev/outbox)
  │   API docs    ${URL_BASE}/api/docs
  │   readiness   ${URL_BASE}/api/readyz
  │   voice       development SFU at ${sfuBase} (loopback only)
  │ Demo data: ${JSON.stringify(counts)}
  │ Press Ctrl+C to stop.
  └─────────────────────────────────────────────────────────────────────
`);
} catch (err) {
  console.error(`\n✗ ${err.message}`);
  stop();
  process.exit(1);
}
