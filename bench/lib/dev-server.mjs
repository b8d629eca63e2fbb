// The benches' server side: a seeded local D1, the Worker bundled once and run by `wrangler dev` in
// its own process group, a signed-in host's token, and one way to stop everything (on finish, on a
// signal or at the run's hard limit). Used by bench/room.mjs and bench/voice.mjs.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export const HOST_USER = "usr_bench_host";
const HOST_FAMILY = "fam_bench_host";

/**
 * X_LOCAL_OBSERVABILITY=false: wrangler dev otherwise streams a trace of every invocation (each
 * chat frame is one) to its local observability collector, which alone adds 100–300 ms stalls to
 * a bare object's fan-out on this box. BENCH_DEV_OBSERVABILITY=1 keeps it, to see that cost.
 */
export function wranglerEnv() {
  return {
    ...process.env,
    XDG_CONFIG_HOME: `${process.cwd()}/.xdg`,
    WRANGLER_SEND_METRICS: "false",
    CI: "1",
    NO_D1_WARNING: "true",
    X_LOCAL_OBSERVABILITY: process.env.BENCH_DEV_OBSERVABILITY === "1" ? "true" : "false",
  };
}

export function wrangler(args, input) {
  return execFileSync("wrangler", args, {
    env: wranglerEnv(),
    input,
    stdio: ["pipe", "pipe", "pipe"],
    encoding: "utf8",
  });
}

function devVars() {
  execFileSync(process.execPath, ["scripts/dev-vars.mjs"]);
  return Object.fromEntries(
    readFileSync(".dev.vars", "utf8")
      .split("\n")
      .filter((l) => l.includes("=") && !l.startsWith("#"))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

/** A signed-in host's access token, signed as the app signs them (same claims and key id). */
async function hostAccessToken(secret) {
  const { SignJWT } = await import("jose");
  const kid = createHash("sha256").update(`kid:${secret}`).digest().subarray(0, 6).toString("hex");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ fid: HOST_FAMILY })
    .setProtectedHeader({ alg: "HS256", kid, typ: "JWT" })
    .setIssuer("meetinghouse")
    .setAudience("meetinghouse:access")
    .setSubject(HOST_USER)
    .setJti(randomBytes(12).toString("base64url"))
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 900)
    .sign(new TextEncoder().encode(secret));
}

/** A group, a meeting, a host (user, assignment, refresh family) and one live occurrence per id. */
function seedSql(occurrenceIds) {
  const now = Date.now();
  const today = new Date(now - 86_400_000).toISOString().slice(0, 10);
  return [
    `INSERT INTO groups (id, name, slug, timezone) VALUES ('grp_bench', 'Bench group', 'bench-group', 'America/Chicago');`,
    `INSERT INTO meetings (id, group_id, slug, name, types, languages, timezone, days, start_time, duration_minutes, chat_retention, updated_at) VALUES ('mtg_bench', 'grp_bench', 'bench-meeting', 'Bench meeting', '["O"]', '["EN"]', 'America/Chicago', '[1]', '19:00', 60, 'end', ${now});`,
    `INSERT INTO users (id, display_name) VALUES ('${HOST_USER}', 'Bench host');`,
    `INSERT INTO service_assignments (id, user_id, group_id, role, starts_on) VALUES ('sa_bench', '${HOST_USER}', 'grp_bench', 'host', '${today}');`,
    `INSERT INTO refresh_families (id, user_id, expires_at) VALUES ('${HOST_FAMILY}', '${HOST_USER}', ${now + 86_400_000});`,
    ...occurrenceIds.map(
      (id, i) =>
        `INSERT INTO occurrences (id, meeting_id, local_date, starts_at, ends_at, status) VALUES ('${id}', 'mtg_bench', '2030-01-${String(i + 1).padStart(2, "0")}', ${now - 60_000}, ${now + 3_600_000}, 'live');`,
    ),
  ].join("\n");
}

/**
 * A fresh local state in `persist`: migrations applied, the meeting seeded with `occurrenceIds` live,
 * and a config that runs the Worker bundled once (the development entry, with the dev outbox mailer
 * .dev.vars selects): `wrangler dev` on the live source tree reloads the Worker whenever anyone edits
 * a file, which restarts rooms mid-run. Every bench client comes from 127.0.0.1, so the per-address
 * limits (reads 600/min, joins 30/min) are lifted. Resolves to the config and the host's token.
 */
export async function prepareServer(persist, occurrenceIds) {
  const vars = devVars();
  rmSync(persist, { recursive: true, force: true });
  mkdirSync(`${persist}/build`, { recursive: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  writeFileSync(`${persist}/seed.sql`, seedSql(occurrenceIds));
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", `${persist}/seed.sql`]);
  const dir = `${persist}/build`;
  const toml = readFileSync("wrangler.toml", "utf8")
    .replace(/(name = "(RATE|JOIN)_LIMITER"[^[]*?limit = )\d+/g, "$11000000")
    .replace(/^migrations_dir = .*$/m, `migrations_dir = "${process.cwd()}/migrations"`)
    // No web app: not built here, not needed.
    .replace(/\n\[assets\][\s\S]*?(?=\n\[|$)/, "\n");
  writeFileSync(`${dir}/bundle.toml`, toml.replace(/^main = .*$/m, `main = "${process.cwd()}/worker/dev/index.ts"`));
  // Absolute: wrangler resolves a relative --outdir against the config's folder for the bundle.
  wrangler(["deploy", "--dry-run", "--config", `${dir}/bundle.toml`, "--outdir", `${process.cwd()}/${dir}/dist`]);
  writeFileSync(`${dir}/wrangler.toml`, toml.replace(/^main = .*$/m, 'main = "dist/index.js"'));
  // wrangler reads .dev.vars beside the config it runs.
  writeFileSync(
    `${dir}/.dev.vars`,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  return { config: `${dir}/wrangler.toml`, hostToken: await hostAccessToken(vars.JWT_SECRET) };
}

export async function waitForHttp(url, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not come up`);
}

/**
 * The bench's child processes, each in its own process group so its whole tree stops with it; the
 * run stops them all at `limitMs`, on SIGINT/SIGTERM, or when `stop()` is called.
 */
export function serverGroup(limitMs) {
  const children = [];
  const group = {
    stopping: false,
    add(child, label) {
      children.push(child);
      let stderr = "";
      child.stderr?.on("data", (d) => {
        stderr = (stderr + d).slice(-4000);
      });
      child.once("exit", (code) => {
        if (!group.stopping) console.error(`bench: ${label} exited (${code})\n${stderr}`);
      });
      return child;
    },
    /** `wrangler dev` quiet unless BENCH_WRANGLER_LOG, resolving once `healthUrl` answers. */
    async wranglerDev(args, healthUrl) {
      const child = spawn(
        "wrangler",
        ["dev", ...args, "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--log-level", "warn"],
        {
          env: wranglerEnv(),
          stdio: ["ignore", process.env.BENCH_WRANGLER_LOG ? "inherit" : "ignore", "pipe"],
          detached: true,
        },
      );
      // Named by its port only: its arguments carry secrets.
      group.add(child, `wrangler dev on ${new URL(healthUrl).host}`);
      const exited = new Promise((_, reject) => child.once("exit", () => reject(new Error("wrangler dev exited"))));
      await Promise.race([waitForHttp(healthUrl, 90_000), exited]);
      return child;
    },
    /** Stops every child and waits (10 s at most) until they let go of their ports. */
    async stop() {
      group.stopping = true;
      clearTimeout(guard);
      const exited = children.map((child) =>
        child.exitCode !== null || child.signalCode !== null ? null : new Promise((r) => child.once("exit", r)),
      );
      for (const child of children) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          try {
            child.kill("SIGTERM");
          } catch {
            // gone
          }
        }
      }
      await Promise.race([Promise.all(exited), sleep(10_000)]);
    },
  };
  const guard = setTimeout(() => {
    console.error(`bench: hard limit of ${limitMs / 1000} s reached, stopping`);
    group.stop().finally(() => process.exit(2));
  }, limitMs);
  for (const signal of ["SIGINT", "SIGTERM"])
    process.on(signal, () => {
      group.stop().finally(() => process.exit(130));
    });
  return group;
}
