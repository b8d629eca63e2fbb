import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchDevSfuForWrangler } from "../devtools/sfu/launch.ts";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules", ".bin");

/** The environment for wrangler: Node 22 from node_modules first on PATH, config kept in the project. */
export function toolEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${BIN}:${process.env.PATH ?? ""}`,
    XDG_CONFIG_HOME: join(ROOT, ".xdg"),
    WRANGLER_SEND_METRICS: "false",
    CI: "true",
  };
}

/** A running `wrangler dev`: its URL, its local state directory and the file its output goes to. */
export type DevServer = { url: string; state: string; logFile: string; stop: () => Promise<void> };

async function waitFor(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${url}`);
}

/**
 * Starts `wrangler dev` on loopback against a throw-away local state directory, applies the
 * migrations and seeds the demo data — the same steps `npm start` takes.
 */
export async function startDevServer(port: number): Promise<DevServer> {
  const state = mkdtempSync(join(tmpdir(), "mh-e2e-"));
  const env = toolEnv();
  // Idempotent: writes .dev.vars once, and adds secrets introduced since (e.g. SLIP_SIGNING_KEY).
  // The development entry and settings are chosen below explicitly.
  execFileSync(process.execPath, [join(ROOT, "scripts", "dev-vars.mjs")], { cwd: ROOT });
  execFileSync(join(BIN, "wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd: ROOT,
    env,
    stdio: "pipe",
  });
  const logFile = join(state, "wrangler.log");
  writeFileSync(logFile, "");
  // Voice goes through the development SFU, exactly as through Cloudflare Realtime in production.
  const sfu = await launchDevSfuForWrangler("meetinghouse-e2e");
  const child = spawn(
    join(BIN, "wrangler"),
    [
      "dev",
      "worker/dev/index.ts",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      state,
      "--var",
      `APP_ORIGIN:http://127.0.0.1:${port}`,
      "--var",
      "ENVIRONMENT:development",
      "--var",
      "EMAIL_DELIVERY:dev-outbox",
      ...sfu.wranglerVars,
    ],
    {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  let stopped = false;
  const keep = (d: Buffer) => {
    output += d;
    if (!stopped) appendFileSync(logFile, d);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/api/healthz`, 90_000, child);
    // A fresh isolate can answer 503 while wrangler finishes reloading; the seed is idempotent, so retry.
    for (let attempt = 1; ; attempt++) {
      const seeded = await fetch(`${url}/api/dev/seed`, { method: "POST" });
      if (seeded.ok) break;
      if (attempt === 4) throw new Error(`seed failed: ${seeded.status} ${await seeded.text()}`);
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  } catch (err) {
    child.kill("SIGTERM");
    await sfu.stop();
    throw new Error(`${(err as Error).message}\n--- wrangler output ---\n${output.slice(-4000)}`);
  }
  return {
    url,
    state,
    logFile,
    stop: async () => {
      stopped = true;
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill("SIGKILL");
      await sfu.stop();
      rmSync(state, { recursive: true, force: true });
    },
  };
}
