// Room benchmark: N clients (50, 200, 300) join a live meeting through the real HTTP join and
// WebSocket under `wrangler dev`; one host sends chat at 20 msg/s for 10 s; we measure join
// p50/p99, send→last-receiver p50/p99, lost and duplicated deliveries and order. The same load
// then runs against a minimal Socket.IO room on Node (a child process) and the ratio is printed.
//
// Two more systems in the same run separate the room's own cost from the platform's: a bare
// Durable Object (bench/room-floor: parse, stamp, send to all; nothing else) under `wrangler dev`,
// and the same bare object under plain workerd, without wrangler dev's proxy and entry layers.
//
// Clients do not offer permessage-deflate, so every system sends the same bytes: Socket.IO
// declines deflate by default and the room declines it in production (no_web_socket_compression
// in wrangler.toml), but wrangler dev's own layers negotiate it whatever the Worker says.
// BENCH_DEFLATE=1 makes clients offer it, as browsers do, to show what that costs under wrangler dev.
// BENCH_SIZES=200 and BENCH_SYSTEMS="room,socket.io" narrow a run; BENCH_SECONDS sets its length.
// Beside each join's latency, "cpu" is the CPU time the server's processes (wrangler dev and its
// workerd, or the Socket.IO process) spent per join during the joins: unlike latency it hardly moves
// when other work shares the box, so it shows a change in the room's own cost on a busy machine.
// BENCH_PROFILE=1 takes a CPU profile of the room's Worker and object (wrangler dev's inspector)
// during the "room" joins of each size, writes it to .wrangler/join-N.cpuprofile and
// prints the functions that took the time (the profiler itself slows the run: its figures are not
// comparable with an unprofiled run).
// Loopback only, bounded in time, stops by itself. Run: `npm run bench:room`.
import { execFileSync, fork, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { connectProfiler } from "./cpu-profile.mjs";

const WORKER_PORT = 8789;
const FLOOR_DEV_PORT = 8797;
const FLOOR_WORKERD_PORT = 8798;
const PERSIST = ".wrangler/bench-room";
const SIZES = (process.env.BENCH_SIZES ?? "50,200,300").split(",").map(Number);
const RATE = 20; // messages per second from the one sender
// 10 s at 20 msg/s = 200 messages per scenario: enough that p99 is not simply the slowest one.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const JOIN_CONCURRENCY = Number(process.env.BENCH_JOIN_CONCURRENCY ?? 25);
const DEFLATE = process.env.BENCH_DEFLATE === "1";
const SYSTEMS = (process.env.BENCH_SYSTEMS ?? "room,room http,floor dev,floor workerd,socket.io").split(",");
const HARD_LIMIT_MS = 15 * 60_000;
const WARMUP_OCCURRENCE = "occ_bench_warmup";
const INSPECTOR_PORT = 9329;
const PROFILE = process.env.BENCH_PROFILE === "1";
/** Set once the bench stops its servers, so their exits are not reported as failures. */
let stopping = false;

// ---------------------------------------------------------------------------------------------
// The Socket.IO baseline: an HTTP join that hands out a single-use ticket, then a socket that
// presents it, joins the room and gets a welcome; chat is validated and broadcast to the room.
async function socketIoServer(port) {
  const { Server } = await import("socket.io");
  const tickets = new Set();
  const http = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/join") {
      req.resume();
      req.on("end", () => {
        const ticket = randomBytes(16).toString("base64url");
        tickets.add(ticket);
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ ticket }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  const io = new Server(http, { transports: ["websocket"], serveClient: false });
  const names = new Map();
  io.use((socket, next) => {
    const ticket = socket.handshake.auth?.ticket;
    if (!tickets.delete(ticket)) return next(new Error("bad ticket"));
    next();
  });
  io.on("connection", (socket) => {
    const id = socket.id;
    names.set(id, `p${names.size}`);
    socket.join("room");
    socket.emit("welcome", { self: id, roster: [...names.keys()].slice(0, 300) });
    socket.on("chat.send", (msg) => {
      if (typeof msg?.text !== "string" || msg.text.length > 2000) return;
      io.to("room").emit("chat.message", {
        message: {
          id: randomBytes(8).toString("hex"),
          participantId: id,
          name: names.get(id),
          text: msg.text,
          at: Date.now(),
        },
      });
    });
    socket.on("disconnect", () => names.delete(id));
  });
  http.listen(port, "127.0.0.1", () => process.send?.({ port: http.address().port }));
}

// ---------------------------------------------------------------------------------------------
function sh(args, input) {
  return execFileSync("wrangler", args, {
    env: wranglerEnv(),
    input,
    stdio: ["pipe", "pipe", "pipe"],
    encoding: "utf8",
  });
}

/**
 * X_LOCAL_OBSERVABILITY=false: wrangler dev otherwise streams a trace of every invocation (each
 * chat frame is one) to its local observability collector, which alone adds 100–300 ms stalls to
 * a bare object's fan-out on this box. BENCH_DEV_OBSERVABILITY=1 keeps it, to see that cost.
 */
function wranglerEnv() {
  const observability = process.env.BENCH_DEV_OBSERVABILITY === "1" ? "true" : "false";
  return {
    ...process.env,
    XDG_CONFIG_HOME: `${process.cwd()}/.xdg`,
    WRANGLER_SEND_METRICS: "false",
    CI: "1",
    NO_D1_WARNING: "true",
    X_LOCAL_OBSERVABILITY: observability,
  };
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

/** A signed-in host: user + assignment + refresh family rows, and an access token like the app's. */
async function hostAccessToken(secret, userId, familyId) {
  const { SignJWT } = await import("jose");
  const kid = createHash("sha256").update(`kid:${secret}`).digest().subarray(0, 6).toString("hex");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ fid: familyId })
    .setProtectedHeader({ alg: "HS256", kid, typ: "JWT" })
    .setIssuer("meetinghouse")
    .setAudience("meetinghouse:access")
    .setSubject(userId)
    .setJti(randomBytes(12).toString("base64url"))
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 900)
    .sign(new TextEncoder().encode(secret));
}

function seedSql(occurrenceIds, userId, familyId) {
  const now = Date.now();
  const today = new Date(now - 86_400_000).toISOString().slice(0, 10);
  const rows = [
    `INSERT INTO groups (id, name, slug, timezone) VALUES ('grp_bench', 'Bench group', 'bench-group', 'America/Chicago');`,
    `INSERT INTO meetings (id, group_id, slug, name, types, languages, timezone, days, start_time, duration_minutes, chat_retention, updated_at) VALUES ('mtg_bench', 'grp_bench', 'bench-meeting', 'Bench meeting', '["O"]', '["EN"]', 'America/Chicago', '[1]', '19:00', 60, 'end', ${now});`,
    `INSERT INTO users (id, display_name) VALUES ('${userId}', 'Bench host');`,
    `INSERT INTO service_assignments (id, user_id, group_id, role, starts_on) VALUES ('sa_bench', '${userId}', 'grp_bench', 'host', '${today}');`,
    `INSERT INTO refresh_families (id, user_id, expires_at) VALUES ('${familyId}', '${userId}', ${now + 86_400_000});`,
    ...occurrenceIds.map(
      (id, i) =>
        `INSERT INTO occurrences (id, meeting_id, local_date, starts_at, ends_at, status) VALUES ('${id}', 'mtg_bench', '2030-01-${String(i + 1).padStart(2, "0")}', ${now - 60_000}, ${now + 3_600_000}, 'live');`,
    ),
  ];
  return rows.join("\n");
}

/**
 * Bundles the Worker once and writes a config that runs that bundle: `wrangler dev` on the live
 * source tree reloads the Worker whenever anyone edits a file, which restarts rooms mid-run.
 */
function frozenBuild(vars) {
  const dir = `${PERSIST}/build`;
  // The development entry: the same Worker plus the dev outbox mailer that .dev.vars selects.
  sh(["deploy", "--dry-run", "--outdir", `${dir}/dist`, "worker/dev/index.ts"]);
  const root = process.cwd();
  const toml = readFileSync("wrangler.toml", "utf8")
    .replace(/^main = .*$/m, 'main = "dist/index.js"')
    // Hundreds of sockets open from one loopback address: lift the per-address read limit (600/min).
    .replace(/(name = "RATE_LIMITER"[^[]*?limit = )\d+/, "$11000000")
    // …and the per-address join limit (30/min): every bench client joins from that one address.
    .replace(/(name = "JOIN_LIMITER"[^[]*?limit = )\d+/, "$11000000")
    .replace(/^migrations_dir = .*$/m, `migrations_dir = "${root}/migrations"`)
    .replace(/\n\[assets\][\s\S]*?(?=\n\[|$)/, "\n");
  writeFileSync(`${dir}/wrangler.toml`, toml);
  writeFileSync(
    `${dir}/.dev.vars`,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  return `${dir}/wrangler.toml`;
}

/** `wrangler dev` in its own process group (so the whole tree stops with it), quiet unless BENCH_WRANGLER_LOG. */
function startWrangler(children, args) {
  const child = spawn(
    "wrangler",
    ["dev", ...args, "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--log-level", "warn"],
    {
      env: wranglerEnv(),
      stdio: ["ignore", process.env.BENCH_WRANGLER_LOG ? "inherit" : "ignore", "pipe"],
      detached: true,
    },
  );
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  child.once("exit", (code) => {
    if (!stopping) console.error(`wrangler dev ${args.join(" ")} exited (${code})\n${stderr}`);
  });
  return {
    group: child.pid,
    ready: (url) =>
      waitForHttp(url, 60_000).catch((err) => {
        console.error(stderr);
        throw err;
      }),
  };
}

/** The bare object under plain workerd (the binary wrangler itself runs), with SQLite storage on disk. */
function startFloorWorkerd(port) {
  const dir = `${PERSIST}/floor-workerd`;
  mkdirSync(`${dir}/do`, { recursive: true });
  copyFileSync("bench/room-floor/worker.js", `${dir}/worker.js`);
  const toml = readFileSync("bench/room-floor/wrangler.toml", "utf8");
  const compatibilityDate = /^compatibility_date = "(.+)"$/m.exec(toml)[1];
  writeFileSync(
    `${dir}/config.capnp`,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "floor", worker = .floor), (name = "disk", disk = (path = "${process.cwd()}/${dir}/do", writable = true)) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "floor") ],
);
const floor :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "${compatibilityDate}",
  compatibilityFlags = ["no_web_socket_compression"],
  bindings = [ (name = "FLOOR", durableObjectNamespace = "FloorRoom") ],
  durableObjectNamespaces = [ (className = "FloorRoom", uniqueKey = "bench-floor", enableSql = true) ],
  durableObjectStorage = (localDisk = "disk"),
);
`,
  );
  return spawn("workerd", ["serve", "--experimental", `${dir}/config.capnp`], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

async function waitForHttp(url, deadlineMs) {
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

/** Runs `fn(i)` for i < n with at most `limit` in flight; results in index order. */
async function pool(n, limit, fn) {
  const out = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

/**
 * CPU time (ms) used so far by every process in a process group (wrangler dev and its workerd):
 * what a join costs the server, unlike its latency, hardly moves when other work shares the box.
 */
function groupCpuMs(group) {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command: state, ppid, pgrp, …; utime and stime are fields 14 and 15 of the whole line.
    if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

const pct = (values, p) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v) => `${v.toFixed(1)} ms`;
const signed = (v) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------------
// Drivers: how one client joins, receives chat and sends chat on each system.
// Both systems' clients use the `ws` package (socket.io-client uses it under Node), so the client
// side costs the same; it comes with socket.io and wrangler's miniflare.
const { WebSocket: WsClient } = await import("ws");

/** Opens a room-protocol socket (room or bare object alike), resolving once `welcome` (or `waiting`) arrives. */
/** `protocols`: the Meetinghouse room takes its ticket or its join request as a subprotocol (["meetinghouse.v1", "ticket.<jwt>" | "join.<base64url JSON>"]). */
async function openRoomSocket(url, label, onChat, protocols = [], headers = {}) {
  const ws = new WsClient(url, protocols, { perMessageDeflate: DEFLATE, headers });
  let joined = null;
  await new Promise((resolve, reject) => {
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data));
      if (msg.type === "welcome" || msg.type === "waiting") resolve();
      else if (msg.type === "joined") joined = msg;
      else if (msg.type === "join.refused") reject(new Error(`${label}: join refused ${msg.status} ${msg.code}`));
      else if (msg.type === "chat.message") onChat(msg.message.text);
      else if (msg.type === "error") console.error(`${label}: room error`, msg.code);
    });
    ws.on("error", () => reject(new Error(`${label}: socket failed`)));
  });
  return {
    joined,
    send: (text) => ws.send(JSON.stringify({ type: "chat.send", text })),
    close: () => ws.close(),
  };
}

/** The room's two ways in: "room" joins over the socket alone (one round trip), "room http" by POST /join then the ticket. */
function workerDriver(occurrenceId, hostToken, name = "room") {
  return {
    name,
    async join(i, onChat) {
      const headers = { "User-Agent": `bench-client-${occurrenceId}-${i}` };
      if (i === 0) headers.Authorization = `Bearer ${hostToken}`;
      if (name === "room") {
        const request = Buffer.from(JSON.stringify({ displayName: `C${i}` })).toString("base64url");
        const socket = await openRoomSocket(
          `ws://127.0.0.1:${WORKER_PORT}/api/rooms/${occurrenceId}`,
          `room client ${i}`,
          onChat,
          ["meetinghouse.v1", `join.${request}`],
          headers,
        );
        return { admitted: socket.joined !== null && !socket.joined.waiting, ...socket };
      }
      const res = await fetch(`http://127.0.0.1:${WORKER_PORT}/api/occurrences/${occurrenceId}/join`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ displayName: `C${i}` }),
      });
      if (res.status !== 200) throw new Error(`join ${i}: ${res.status} ${await res.text()}`);
      const body = await res.json();
      const socket = await openRoomSocket(`ws://127.0.0.1:${WORKER_PORT}${body.wsUrl}`, `room client ${i}`, onChat, [
        "meetinghouse.v1",
        `ticket.${body.ticket}`,
      ]);
      return { admitted: !body.waiting, ...socket };
    },
  };
}

/** Profiles one size's joins and prints where the time went. */
function joinProfile(profiler, n) {
  return {
    start: () => profiler.start(),
    async stop() {
      const file = `.wrangler/join-${n}.cpuprofile`;
      const { self, total } = await profiler.stop(file);
      const line = (f) => `    ${f.ms.toFixed(0).padStart(6)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.fn}`;
      console.log(`profile of the room's ${n} joins (${file}); by total time:\n${total.map(line).join("\n")}`);
      console.log(`by self time:\n${self.map(line).join("\n")}`);
    },
  };
}

/** The bare Durable Object: no HTTP join, the socket is the whole protocol. */
function floorDriver(name, port, room) {
  return {
    name,
    async join(i, onChat) {
      return {
        admitted: true,
        ...(await openRoomSocket(`ws://127.0.0.1:${port}/?room=${room}`, `${name} client ${i}`, onChat)),
      };
    },
  };
}

async function socketIoDriver(port) {
  const { io } = await import("socket.io-client");
  return {
    name: "socket.io",
    async join(_i, onChat) {
      const res = await fetch(`http://127.0.0.1:${port}/join`, { method: "POST", body: "{}" });
      const { ticket } = await res.json();
      const socket = io(`http://127.0.0.1:${port}`, {
        transports: ["websocket"],
        auth: { ticket },
        reconnection: false,
        forceNew: true,
      });
      await new Promise((resolve, reject) => {
        socket.on("welcome", resolve);
        socket.on("connect_error", reject);
      });
      socket.on("chat.message", (msg) => onChat(msg.message.text));
      return { admitted: true, send: (text) => socket.emit("chat.send", { text }), close: () => socket.close() };
    },
  };
}

/** One scenario: N joins at 25 concurrent, then one sender at RATE msg/s for SECONDS. */
async function scenario(driver, n, seconds = SECONDS) {
  const total = RATE * seconds;
  const received = Array.from({ length: n }, () => []);
  const arrival = Array.from({ length: total }, () => new Array(n).fill(null));
  const joinMs = [];
  await driver.profile?.start();
  const cpuBefore = driver.group ? groupCpuMs(driver.group) : null;
  const clients = await pool(n, JOIN_CONCURRENCY, async (i) => {
    const t0 = performance.now();
    const client = await driver.join(i, (text) => {
      const m = /^bench (\d+)$/.exec(text);
      if (!m) return;
      const k = Number(m[1]);
      received[i].push(k);
      arrival[k][i] ??= performance.now();
    });
    joinMs.push(performance.now() - t0);
    return client;
  });
  const admitted = clients.filter((c) => c.admitted).length;
  const joinCpu = cpuBefore === null ? null : (groupCpuMs(driver.group) - cpuBefore) / n;
  await driver.profile?.stop(n);
  await sleep(500); // let presence settle
  const sentAt = [];
  const start = performance.now();
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sentAt[k] = performance.now();
    clients[0].send(`bench ${k}`);
  }
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline && received.some((r) => new Set(r).size < total)) await sleep(50);
  for (const c of clients) c.close();

  const fanout = [];
  const byMessage = [];
  for (let k = 0; k < total; k++) {
    const times = arrival[k].filter((t) => t !== null);
    if (times.length) fanout.push(Math.max(...times) - sentAt[k]);
    if (times.length) byMessage.push([k, Math.max(...times) - sentAt[k]]);
  }
  // Which messages were slowest (their index and send time into the run) tells a start-up effect from a periodic one.
  const slowest = byMessage
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `#${k} @${((k * 1000) / RATE / 1000).toFixed(1)}s ${v.toFixed(0)}ms`);
  const lost = received.reduce((sum, r) => sum + (total - new Set(r).size), 0);
  const duplicated = received.reduce((sum, r) => sum + (r.length - new Set(r).size), 0);
  if (lost > 0) {
    const short = received.map((r, i) => [i, total - new Set(r).size]).filter(([, missing]) => missing > 0);
    console.log(
      `  ${driver.name} N=${n}: ${short.length} clients missed messages, e.g. ${JSON.stringify(short.slice(0, 5))}`,
    );
  }
  const ordered = received.every((r) => r.every((k, j) => j === 0 || k > r[j - 1]));
  await sleep(1000); // let closes drain before the next scenario
  return {
    system: driver.name,
    n,
    admitted,
    joinP50: pct(joinMs, 50),
    joinP99: pct(joinMs, 99),
    joinCpu,
    fanP50: pct(fanout, 50),
    fanP99: pct(fanout, 99),
    fanMax: Math.max(...fanout),
    slowest,
    lost,
    duplicated,
    ordered,
    deliveries: n * total,
  };
}

function print(r) {
  console.log(
    `${r.system.padEnd(13)} N=${String(r.n).padStart(3)}  admitted ${r.admitted}/${r.n}  join p50 ${ms(r.joinP50)} p99 ${ms(r.joinP99)}${r.joinCpu === null ? "" : ` cpu ${ms(r.joinCpu)}`}  ` +
      `send→last p50 ${ms(r.fanP50)} p99 ${ms(r.fanP99)} max ${ms(r.fanMax)}  lost ${r.lost}/${r.deliveries}  dup ${r.duplicated}  order ${r.ordered ? "kept" : "BROKEN"}` +
      (process.env.BENCH_SLOWEST ? `  slowest ${r.slowest.join(", ")}` : ""),
  );
}

async function main() {
  const children = [];
  const stop = () => {
    stopping = true;
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
  };
  const guard = setTimeout(() => {
    console.error(`bench: hard limit of ${HARD_LIMIT_MS / 1000} s reached, stopping`);
    stop();
    process.exit(2);
  }, HARD_LIMIT_MS);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stop();
      process.exit(130);
    });
  }

  try {
    const vars = devVars();
    rmSync(PERSIST, { recursive: true, force: true });
    console.log("bench: applying migrations and seeding a live meeting…");
    sh(["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST]);
    const occurrenceIds = SIZES.map((n, i) => `occ_bench_${n}_${i}`);
    const httpOccurrenceIds = SIZES.map((n, i) => `occ_bench_http_${n}_${i}`);
    const userId = "usr_bench_host";
    const familyId = "fam_bench_host";
    const seedFile = `${PERSIST}/seed.sql`;
    writeFileSync(seedFile, seedSql([...occurrenceIds, ...httpOccurrenceIds, WARMUP_OCCURRENCE], userId, familyId));
    sh(["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--file", seedFile]);
    const hostToken = await hostAccessToken(vars.JWT_SECRET, userId, familyId);

    for (const port of [WORKER_PORT, FLOOR_DEV_PORT, FLOOR_WORKERD_PORT]) {
      if (
        await fetch(`http://127.0.0.1:${port}/`).then(
          () => true,
          () => false,
        )
      )
        throw new Error(`port ${port} is already in use`);
    }
    console.log(
      `bench: starting the room (wrangler dev, :${WORKER_PORT}), the bare object (wrangler dev, :${FLOOR_DEV_PORT}; workerd, :${FLOOR_WORKERD_PORT}) and a Socket.IO room…`,
    );
    const config = frozenBuild(vars);
    // One wrangler dev at a time: two starting together can pick the same free port for an internal socket.
    const roomServer = startWrangler(children, [
      "--config",
      config,
      "--no-bundle",
      "--port",
      String(WORKER_PORT),
      "--persist-to",
      PERSIST,
      ...(PROFILE ? ["--inspector-port", String(INSPECTOR_PORT)] : []),
    ]);
    await roomServer.ready(`http://127.0.0.1:${WORKER_PORT}/api/healthz`);
    const floorServer = startWrangler(children, [
      "--config",
      "bench/room-floor/wrangler.toml",
      "--port",
      String(FLOOR_DEV_PORT),
      "--persist-to",
      `${PERSIST}/floor-dev`,
    ]);
    await floorServer.ready(`http://127.0.0.1:${FLOOR_DEV_PORT}/healthz`);
    const floorWorkerd = startFloorWorkerd(FLOOR_WORKERD_PORT);
    children.push(floorWorkerd);
    const sio = fork(new URL(import.meta.url).pathname, ["--socketio-server", "0"], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      detached: true,
    });
    children.push(sio);
    const sioReady = new Promise((resolve, reject) => {
      sio.once("message", (m) => resolve(m.port));
      sio.once("exit", (code) => reject(new Error(`Socket.IO server exited (${code})`)));
    });
    await waitForHttp(`http://127.0.0.1:${FLOOR_WORKERD_PORT}/healthz`, 30_000);
    const sioPort = await sioReady;
    const siDriver = await socketIoDriver(sioPort);
    const profiler = PROFILE ? await connectProfiler(INSPECTOR_PORT) : null;
    const drivers = (n, i) =>
      [
        {
          ...workerDriver(occurrenceIds[i], hostToken),
          group: roomServer.group,
          profile: profiler && joinProfile(profiler, n),
        },
        { ...workerDriver(httpOccurrenceIds[i], hostToken, "room http"), group: roomServer.group },
        { ...floorDriver("floor dev", FLOOR_DEV_PORT, `n${n}-${i}`), group: floorServer.group },
        { ...floorDriver("floor workerd", FLOOR_WORKERD_PORT, `n${n}-${i}`), group: floorWorkerd.pid },
        { ...siDriver, group: sio.pid },
      ].filter((d) => SYSTEMS.includes(d.name));

    console.log(
      `clients ${DEFLATE ? "offer" : "do not offer"} permessage-deflate; wrangler dev's local observability ${process.env.BENCH_DEV_OBSERVABILITY === "1" ? "on" : "off"}; ${RATE} msg/s for ${SECONDS} s per scenario; joins at concurrency ${JOIN_CONCURRENCY}`,
    );
    // A short unrecorded round first, so no system pays its cold start inside a measurement.
    const warmups = [
      workerDriver(WARMUP_OCCURRENCE, hostToken),
      workerDriver(WARMUP_OCCURRENCE, hostToken, "room http"),
      floorDriver("floor dev", FLOOR_DEV_PORT, "warmup"),
      floorDriver("floor workerd", FLOOR_WORKERD_PORT, "warmup"),
      siDriver,
    ];
    for (const driver of warmups.filter((d) => SYSTEMS.includes(d.name))) await scenario(driver, 20, 1);

    const results = [];
    for (const [i, n] of SIZES.entries()) {
      const row = {};
      for (const driver of drivers(n, i)) {
        row[driver.name] = await scenario(driver, n);
        print(row[driver.name]);
      }
      results.push(row);
    }
    console.log("\nratio to socket.io (< 1 means faster than the Socket.IO room):");
    for (const row of results) {
      const s = row["socket.io"];
      for (const name of ["room", "room http", "floor dev", "floor workerd"]) {
        const r = row[name];
        if (!r || !s) continue;
        console.log(
          `  N=${String(r.n).padStart(3)}  ${name.padEnd(13)}  send→last p50 ×${(r.fanP50 / s.fanP50).toFixed(2)}  p99 ×${(r.fanP99 / s.fanP99).toFixed(2)}  join p99 ×${(r.joinP99 / s.joinP99).toFixed(2)}`,
        );
      }
    }
    console.log(
      "\nthe room's own cost (room − bare object, both under wrangler dev) and wrangler dev's (bare object under wrangler dev − under workerd):",
    );
    for (const row of results) {
      const [r, d, w] = [row.room, row["floor dev"], row["floor workerd"]];
      if (!r || !d || !w) continue;
      console.log(
        `  N=${String(r.n).padStart(3)}  room: p50 ${signed(r.fanP50 - d.fanP50)} p99 ${signed(r.fanP99 - d.fanP99)}   wrangler dev: p50 ${signed(d.fanP50 - w.fanP50)} p99 ${signed(d.fanP99 - w.fanP99)}`,
      );
    }
    console.log(
      "\nissue 17's goals, against the bare object under the same wrangler dev (join: p50 ≤ ×1.5, p99 ≤ ×2; fan-out p99 ≤ ×1.1):",
    );
    for (const row of results) {
      const d = row["floor dev"];
      for (const name of ["room", "room http"]) {
        const r = row[name];
        if (!r || !d) continue;
        const join50 = r.joinP50 / d.joinP50;
        const join99 = r.joinP99 / d.joinP99;
        const fan99 = r.fanP99 / d.fanP99;
        const verdict = (ok) => (ok ? "met" : "NOT met");
        console.log(
          `  N=${String(r.n).padStart(3)}  ${name.padEnd(9)}  join p50 ×${join50.toFixed(2)} p99 ×${join99.toFixed(2)} (${verdict(join50 <= 1.5 && join99 <= 2)})  send→last p99 ×${fan99.toFixed(2)} (${verdict(fan99 <= 1.1)})`,
        );
      }
    }
    const at200 = results.find((row) => row.room?.n === 200)?.room;
    if (at200) console.log(`\n200 joins at concurrency ${JOIN_CONCURRENCY}: ${at200.admitted}/200 admitted`);
  } finally {
    clearTimeout(guard);
    const exited = children.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? null
        : new Promise((resolve) => child.once("exit", resolve)),
    );
    stop();
    // Let the servers release their ports before a next run starts.
    await Promise.race([Promise.all(exited), sleep(10_000)]);
  }
  process.exit(0);
}

// Last, so every helper above is initialized before it runs.
if (process.argv[2] === "--socketio-server") await socketIoServer(Number(process.argv[3]));
else await main();
