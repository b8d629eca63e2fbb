// Directory benchmark (`npm run bench:directory`).
//
// 1. Seeds 10,000 meetings over 20 time zones into a separate local D1 (.wrangler/bench-state),
//    plus a platform-admin user and a live refresh family for it (rows inserted directly).
// 2. Bundles the Worker once (`wrangler deploy --dry-run`) and starts `wrangler dev --no-bundle`
//    on 127.0.0.1:8788 against that state, from a copy of wrangler.toml in .wrangler/bench-build:
//    the shared work tree changes under us, and a reload mid-run would spoil the figures.
// 3. Signs an access token for the admin with jose and the JWT_SECRET from .dev.vars (the same
//    claims the Worker issues), and times POST /api/ops/materialize (14 days for all meetings).
// 4. Times many directory requests over loopback (p50/p99): today in the viewer's zone,
//    type + language, keyword.
// 5. Prints EXPLAIN QUERY PLAN of each directory query (built by the Worker's own SQL builder,
//    bundled with esbuild) and fails if any plan scans the meetings or occurrences table.
// Stops wrangler and exits by itself. Only loopback traffic.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { SignJWT } from "jose";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules", ".bin");
const STATE = join(ROOT, ".wrangler", "bench-state");
const BUILD = join(ROOT, ".wrangler", "bench-build");
const PORT = 8788;
const BASE = `http://127.0.0.1:${PORT}`;
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const env = {
  ...process.env,
  PATH: `${BIN}:${process.env.PATH ?? ""}`,
  XDG_CONFIG_HOME: join(ROOT, ".xdg"),
  WRANGLER_SEND_METRICS: "false",
};
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024, ...opts });
const wrangler = (args, opts) => run(join(BIN, "wrangler"), args, opts);

const ZONES = [
  "America/Chicago",
  "America/New_York",
  "America/Los_Angeles",
  "America/Denver",
  "America/Mexico_City",
  "America/Sao_Paulo",
  "America/Bogota",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Warsaw",
  "Africa/Lagos",
  "Africa/Johannesburg",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Asia/Manila",
  "Asia/Singapore",
  "Australia/Sydney",
  "Pacific/Auckland",
];
const WORDS = [
  "Serenity",
  "Hope",
  "Sunrise",
  "Lifeline",
  "Freedom",
  "Courage",
  "Gratitude",
  "Promises",
  "Happy Destiny",
  "Road",
  "Harbor",
  "Spiritual",
  "Awakening",
  "Keep Coming Back",
  "Easy Does It",
  "Came to Believe",
  "Fellowship",
  "Big Book",
  "Step",
  "Candle",
];
const KINDS = ["Group", "Meeting", "Circle", "Gathering", "Study"];
const TYPE_SETS = [
  ["O", "D"],
  ["C", "D"],
  ["O", "SP"],
  ["C", "B"],
  ["O", "BE", "D"],
  ["C", "ST"],
  ["O", "MED", "11"],
  ["C", "W", "D"],
  ["C", "M", "B"],
  ["O", "Y", "D"],
  ["O", "LGBTQ"],
  ["O", "DR"],
];

// A deterministic PRNG so every run seeds the same data.
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(rand() * list.length)];
const q = (v) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

function seedSql() {
  const now = Date.now();
  const lines = [];
  for (const [i, zone] of ZONES.entries()) {
    lines.push(
      `INSERT INTO groups (id, name, slug, timezone) VALUES (${q(`grp_bench_${i}`)}, ${q(`Bench Intergroup ${i}`)}, ${q(`bench-${i}`)}, ${q(zone)});`,
    );
  }
  lines.push("INSERT INTO users (id, display_name, is_platform_admin) VALUES ('usr_bench_admin', 'Bench', 1);");
  lines.push(
    `INSERT INTO refresh_families (id, user_id, expires_at) VALUES ('fam_bench', 'usr_bench_admin', ${now + 86_400_000});`,
  );
  const meetingRows = [];
  const tagRows = [];
  for (let i = 0; i < MEETINGS; i++) {
    const g = i % ZONES.length;
    const types = pick(TYPE_SETS);
    const r = rand();
    const languages = r < 0.1 ? ["S"] : r < 0.13 ? ["FR"] : r < 0.15 ? ["EN", "HI"] : ["EN"];
    const dayCount = 1 + Math.floor(rand() * 4);
    const days = [...new Set(Array.from({ length: dayCount }, () => Math.floor(rand() * 7)))].sort();
    const time = `${String(Math.floor(rand() * 24)).padStart(2, "0")}:${pick(["00", "15", "30", "45"])}`;
    const id = `mtg_bench_${i}`;
    const name = `${pick(WORDS)} ${pick(KINDS)} ${i}`;
    meetingRows.push(
      `(${[id, `grp_bench_${g}`, `bench-meeting-${i}`, name, rand() < 0.3 ? "Open sharing; newcomers welcome." : null, JSON.stringify(types), JSON.stringify(languages), ZONES[g], JSON.stringify(days), time, pick([60, 60, 90, 45]), rand() < 0.03 ? "unlisted" : "public", rand() < 0.2 ? 1 : 0, now].map(q).join(", ")})`,
    );
    for (const t of types) tagRows.push(`(${q(id)}, 'type', ${q(t)})`);
    for (const l of languages) tagRows.push(`(${q(id)}, 'language', ${q(l)})`);
  }
  for (let i = 0; i < meetingRows.length; i += 200) {
    lines.push(
      `INSERT INTO meetings (id, group_id, slug, name, description, types, languages, timezone, days, start_time, duration_minutes, visibility, waiting_room, updated_at) VALUES\n${meetingRows.slice(i, i + 200).join(",\n")};`,
    );
  }
  for (let i = 0; i < tagRows.length; i += 500)
    lines.push(`INSERT INTO meeting_tags (meeting_id, kind, code) VALUES ${tagRows.slice(i, i + 500).join(", ")};`);
  return lines.join("\n");
}

/** A frozen build: the bundled Worker and a config pointing at it (paths made absolute). */
function frozenConfig() {
  const dist = join(BUILD, "dist");
  // The development entry: the same Worker plus the dev outbox mailer that .dev.vars selects.
  wrangler(["deploy", "--dry-run", "--outdir", dist, "worker/dev/index.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8")
    .replace(/^main = .*$/m, `main = "${join(dist, "index.js")}"\nno_bundle = true`)
    // One loopback client sends thousands of reads: lift the per-address read limit (600/min) for
    // the bench, which measures the directory, not the limiter.
    .replace(/(name = "RATE_LIMITER"[^[]*?limit = )\d+/, "$11000000")
    .replace(/^migrations_dir = .*$/m, `migrations_dir = "${join(ROOT, "migrations")}"`)
    .replace(/^directory = .*$/m, `directory = "${join(ROOT, "web", "dist")}"`);
  const config = join(BUILD, "wrangler.toml");
  writeFileSync(config, toml);
  devVars();
  copyFileSync(join(ROOT, ".dev.vars"), join(BUILD, ".dev.vars"));
  return config;
}

function devVars() {
  run(process.execPath, [join(ROOT, "scripts", "dev-vars.mjs")]);
  const line = readFileSync(join(ROOT, ".dev.vars"), "utf8")
    .split("\n")
    .find((l) => l.startsWith("JWT_SECRET="));
  return line.slice("JWT_SECRET=".length).trim();
}

/** The same token the Worker issues at sign-in (worker/auth/jwt.ts, session.ts). */
async function adminToken() {
  const secret = devVars();
  const kid = createHash("sha256").update(`kid:${secret}`).digest("hex").slice(0, 12);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ fid: "fam_bench", adm: true })
    .setProtectedHeader({ alg: "HS256", kid, typ: "JWT" })
    .setIssuer("meetinghouse")
    .setAudience("meetinghouse:access")
    .setSubject("usr_bench_admin")
    .setJti(`bench-${now}`)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 900)
    .sign(new TextEncoder().encode(secret));
}

async function waitForHealth() {
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`${BASE}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("wrangler dev did not become healthy");
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(label, makePath) {
  for (let i = 0; i < 20; i++) await fetch(`${BASE}${makePath(i)}`).then((r) => r.arrayBuffer());
  const times = [];
  const dbTimes = [];
  let items = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const res = await fetch(`${BASE}${makePath(i)}`);
    const body = await res.json();
    times.push(performance.now() - started);
    const db = /db;dur=([\d.]+)/.exec(res.headers.get("Server-Timing") ?? "");
    if (db) dbTimes.push(Number(db[1]));
    if (!res.ok) throw new Error(`${label}: ${res.status} ${JSON.stringify(body)}`);
    items += body.items?.length ?? 0;
  }
  times.sort((a, b) => a - b);
  dbTimes.sort((a, b) => a - b);
  const db = dbTimes.length
    ? { dbP50: percentile(dbTimes, 50), dbP99: percentile(dbTimes, 99) }
    : { dbP50: Number.NaN, dbP99: Number.NaN };
  return { label, p50: percentile(times, 50), p99: percentile(times, 99), ...db, avgItems: items / REQUESTS };
}

function weekdayIn(zone) {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short" }).format(new Date());
  return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(name);
}

async function explainPlans() {
  mkdirSync(BUILD, { recursive: true });
  run(join(BIN, "esbuild"), [
    "worker/directory/directory-query.ts",
    "worker/directory/time-of-day.ts",
    "worker/directory/keywords.ts",
    "--bundle",
    "--format=esm",
    "--platform=node",
    `--outdir=${BUILD}`,
    "--log-level=warning",
  ]);
  const dq = await import(pathToFileURL(join(BUILD, "directory-query.js")).href);
  const tod = await import(pathToFileURL(join(BUILD, "time-of-day.js")).href);
  const kw = await import(pathToFileURL(join(BUILD, "keywords.js")).href);
  const now = Date.now();
  const week = [now, now + 7 * 86_400_000];
  const zone = "Asia/Kolkata";
  const queries = {
    "default (next 7 days)": dq.directoryListSql({ ranges: [week], types: [], limit: 31 }),
    "today + viewer zone": dq.directoryListSql({
      ranges: tod.viewerRanges(zone, ...week, { day: weekdayIn(zone) }),
      types: [],
      limit: 31,
    }),
    "evening, day + zone": dq.directoryListSql({
      ranges: tod.viewerRanges(zone, ...week, { day: weekdayIn(zone), timeOfDay: "evening" }),
      types: [],
      limit: 31,
    }),
    "types O,D + language S": dq.directoryListSql({ ranges: [week], types: ["O", "D"], language: "S", limit: 31 }),
    'keyword "keep coming" OR serenity': dq.directoryListSql({
      ranges: [week],
      types: [],
      keywords: kw.parseKeywords('"keep coming" OR serenity'),
      limit: 31,
    }),
    "next page (cursor)": dq.directoryListSql({
      ranges: [week],
      types: [],
      after: { startsAt: now + 3_600_000, occurrenceId: "occ_x" },
      limit: 31,
    }),
    "in progress": dq.inProgressSql({ types: [] }, now, 50),
  };
  const plans = [];
  for (const [label, query] of Object.entries(queries)) {
    let i = 0;
    const inlined = query.text.replace(/\?/g, () => q(query.params[i++]));
    const out = wrangler(
      [
        "d1",
        "execute",
        "DB",
        "--local",
        "--persist-to",
        STATE,
        "--json",
        "--command",
        `EXPLAIN QUERY PLAN ${inlined.replace(/\s+/g, " ")}`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    ).toString();
    const rows = JSON.parse(out)[0].results;
    const depth = new Map([[0, 0]]);
    const lines = rows.map((r) => {
      depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
      return `${"  ".repeat(depth.get(r.id))}${r.detail}`;
    });
    const fullScans = rows.filter(
      (r) => /^SCAN (o|m|p|g|occurrences|meetings)\b/.test(r.detail) && !/USING (COVERING )?INDEX/.test(r.detail),
    );
    plans.push({ label, lines, fullScans });
  }
  return plans;
}

async function main() {
  console.log(`› Seeding ${MEETINGS} meetings over ${ZONES.length} zones into ${STATE} …`);
  rmSync(STATE, { recursive: true, force: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  mkdirSync(BUILD, { recursive: true });
  const seedFile = join(BUILD, "seed.sql");
  writeFileSync(seedFile, seedSql());
  let started = performance.now();
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", STATE, "--file", seedFile, "--yes"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const seedMs = performance.now() - started;

  console.log(`› Bundling the Worker and starting wrangler dev on ${BASE} …`);
  const config = frozenConfig();
  const dev = spawn(
    join(BIN, "wrangler"),
    [
      "dev",
      "--config",
      config,
      "--ip",
      "127.0.0.1",
      "--port",
      String(PORT),
      "--persist-to",
      STATE,
      "--var",
      `APP_ORIGIN:${BASE}`,
      "--log-level",
      "error",
    ],
    { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  const stop = () => {
    try {
      process.kill(-dev.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  try {
    await waitForHealth();
    const token = await adminToken();
    started = performance.now();
    const res = await fetch(`${BASE}/api/ops/materialize`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
    const summary = await res.json();
    const materializeMs = performance.now() - started;
    if (!res.ok) throw new Error(`materialize failed: ${res.status} ${JSON.stringify(summary)}`);
    started = performance.now();
    const again = await (
      await fetch(`${BASE}/api/ops/materialize`, { method: "POST", headers: { Authorization: `Bearer ${token}` } })
    ).json();
    const rematerializeMs = performance.now() - started;

    console.log(`› Timing ${REQUESTS} requests per query …`);
    const results = [
      await measure("baseline: /api/healthz (no I/O)", () => "/api/healthz"),
      await measure("default list (next 7 days), tz=UTC", () => "/api/meetings"),
      await measure("today + viewer zone", (i) => {
        const zone = ZONES[i % ZONES.length];
        return `/api/meetings?day=${weekdayIn(zone)}&tz=${encodeURIComponent(zone)}`;
      }),
      await measure("evening today + viewer zone", (i) => {
        const zone = ZONES[i % ZONES.length];
        return `/api/meetings?day=${weekdayIn(zone)}&timeOfDay=evening&tz=${encodeURIComponent(zone)}`;
      }),
      await measure(
        "types=O,D + language=S",
        (i) => `/api/meetings?types=O,D&language=S&tz=${encodeURIComponent(ZONES[i % ZONES.length])}`,
      ),
      await measure(
        "keyword (word / phrase / OR)",
        (i) =>
          `/api/meetings?q=${encodeURIComponent(["serenity", '"keep coming"', "harbor OR lifeline", "big book"][i % 4])}`,
      ),
    ];
    const plans = await explainPlans();

    console.log("\nDirectory benchmark (wrangler dev, loopback, sequential requests)");
    console.log(
      `  machine                    ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")} (other work on the box inflates every figure)`,
    );
    console.log(`  meetings seeded            ${MEETINGS} over ${ZONES.length} zones (seed ${Math.round(seedMs)} ms)`);
    console.log(
      `  materialize 14 days        ${Math.round(materializeMs)} ms wall, ${summary.ms} ms in the Worker — ${summary.created} occurrences from ${summary.meetings} meetings in ${summary.statements} statements`,
    );
    console.log(`  materialize again (no-op)  ${Math.round(rematerializeMs)} ms wall, created ${again.created}`);
    console.log("");
    console.log("  request = client round trip over loopback; D1 = time inside the Worker's D1 calls (Server-Timing)");
    console.log(
      `  ${"query".padEnd(40)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"D1 p50".padStart(8)} ${"D1 p99".padStart(8)} ${"items".padStart(6)}`,
    );
    const cell = (n) => (Number.isNaN(n) ? "-" : n.toFixed(2)).padStart(8);
    for (const r of results)
      console.log(
        `  ${r.label.padEnd(40)} ${cell(r.p50)} ${cell(r.p99)} ${cell(r.dbP50)} ${cell(r.dbP99)} ${r.avgItems.toFixed(0).padStart(6)}`,
      );
    console.log("\nEXPLAIN QUERY PLAN");
    let bad = 0;
    for (const p of plans) {
      console.log(`\n  ${p.label}${p.fullScans.length ? "   ✗ FULL SCAN" : ""}`);
      for (const l of p.lines) console.log(`  ${l}`);
      bad += p.fullScans.length;
    }
    console.log(
      bad
        ? `\n✗ ${bad} full-table scans of meetings/occurrences`
        : "\n✓ No full-table SCAN of meetings or occurrences in any directory query.",
    );
    process.exitCode = bad ? 1 : 0;
  } finally {
    stop();
  }
}

await main();
