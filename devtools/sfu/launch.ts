/**
 * Starts the development SFU as a child process (Node 22 from node_modules, which runs TypeScript
 * directly) and resolves once it listens. Used by the worker tests' global setup and the browser
 * journeys' dev server; scripts/start.mjs does the same in plain JavaScript.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");

export type LaunchedSfu = { baseUrl: string; child: ChildProcess; stop: () => Promise<void> };

export function launchDevSfu(settings: {
  appId: string;
  secret: string;
  port?: number;
  turn?: { keyId: string; token: string };
}): Promise<LaunchedSfu> {
  const node = join(ROOT, "node_modules", ".bin", "node");
  const child = spawn(node, [join(ROOT, "devtools", "sfu", "main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      REALTIME_APP_ID: settings.appId,
      REALTIME_APP_SECRET: settings.secret,
      DEV_SFU_PORT: String(settings.port ?? 0),
      ...(settings.turn ? { TURN_KEY_ID: settings.turn.keyId, TURN_KEY_API_TOKEN: settings.turn.token } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  };
  return new Promise((resolvePromise, reject) => {
    let out = "";
    child.stderr?.on("data", (d) => {
      out += d;
    });
    child.stdout?.on("data", (d: Buffer) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith('{"devSfu"'));
      if (line) resolvePromise({ baseUrl: (JSON.parse(line) as { devSfu: string }).devSfu, child, stop });
    });
    child.once("exit", (code) => reject(new Error(`dev SFU exited with ${code}: ${out.slice(-2000)}`)));
  });
}
