// `npm start`: build the web app, apply local D1 migrations, run wrangler dev on 127.0.0.1:8787,
// seed the demo data (idempotent) and print where to go. No Cloudflare account or secret needed.
// It runs the development entry (worker/dev/index.ts: dev outbox, /api/dev/*) with the development
// settings from .dev.vars; wrangler.toml itself describes production.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules", ".bin");
// The SFU launcher is TypeScript, which Node 22 from node_modules runs directly (`npm start` puts it
// first on PATH); started by an older `node`, this script runs again under that one.
if (Number(process.versions.node.split(".")[0]) < 22) {
  process.exit(spawnSync(join(BIN, "node"), process.argv.slice(1), { stdio: "inherit" }).status ?? 1);
}
const { launchDevSfuForWrangler } = await import("../devtools/sfu/launch.ts");
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
// Cloudflare Realtime. A fresh app secret and TURN key token per run; only the Worker and the SFU know
// them (the SFU answers TURN's credentials request as Cloudflare would; no relay here).
console.log("› Starting the development SFU on loopback…");
const sfu = await launchDevSfuForWrangler("meetinghouse-dev", Number(process.env.DEV_SFU_PORT ?? 0));

console.log(`› Starting wrangler dev on ${URL_BASE} …`);
const devArgs = [
  "dev",
  "worker/dev/index.ts",
  "--ip",
  "127.0.0.1",
  "--port",
  String(PORT),
  "--var",
  `APP_ORIGIN:${URL_BASE}`,
];
const dev = spawn(join(BIN, "wrangler"), [...devArgs, ...sfu.wranglerVars], { cwd: ROOT, env, stdio: "inherit" });
const stop = () => {
  dev.kill("SIGTERM");
  void sfu.stop();
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
  │   voice       development SFU at ${sfu.baseUrl} (loopback only)
  │ Demo data: ${JSON.stringify(counts)}
  │ Press Ctrl+C to stop.
  └─────────────────────────────────────────────────────────────────────
`);
} catch (err) {
  console.error(`\n✗ ${err.message}`);
  stop();
  process.exit(1);
}
