/**
 * Starts the development SFU as a child process (Node 22 from node_modules, which runs TypeScript
 * directly) and resolves once it listens. Used by the worker tests' global setup, and through
 * `launchDevSfuForWrangler` by `npm start`, the browser journeys' dev server and bench:voice.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
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
    // The last few kilobytes only: the SFU may run for hours under `npm start`.
    child.stderr?.on("data", (d) => {
      out = (out + d).slice(-4000);
    });
    child.stdout?.on("data", (d: Buffer) => {
      out = (out + d).slice(-4000);
      const line = out.split("\n").find((l) => l.startsWith('{"devSfu"'));
      if (line) resolvePromise({ baseUrl: (JSON.parse(line) as { devSfu: string }).devSfu, child, stop });
    });
    child.once("exit", (code) => reject(new Error(`dev SFU exited with ${code}: ${out.slice(-2000)}`)));
  });
}

/** The development SFU with a fresh app secret and TURN key token, and the Realtime settings of `wrangler dev`. */
export type SfuForWrangler = LaunchedSfu & {
  appId: string;
  secret: string;
  /** `--var` arguments for `wrangler dev`: REALTIME_API_BASE/APP_ID/APP_SECRET, TURN_KEY_ID/API_TOKEN. */
  wranglerVars: string[];
};

/**
 * Launches the development SFU for one `wrangler dev` run: app `name`, TURN key `<name>-turn`, and a
 * fresh random secret for each, known only to this process, the SFU and the Worker.
 */
export async function launchDevSfuForWrangler(name: string, port = 0): Promise<SfuForWrangler> {
  const secret = randomBytes(24).toString("base64url");
  const turn = { keyId: `${name}-turn`, token: randomBytes(24).toString("base64url") };
  const sfu = await launchDevSfu({ appId: name, secret, port, turn });
  const vars = {
    REALTIME_API_BASE: sfu.baseUrl,
    REALTIME_APP_ID: name,
    REALTIME_APP_SECRET: secret,
    TURN_KEY_ID: turn.keyId,
    TURN_KEY_API_TOKEN: turn.token,
  };
  return {
    ...sfu,
    appId: name,
    secret,
    wranglerVars: Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  };
}
