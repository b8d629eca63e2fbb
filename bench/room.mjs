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
// BENCH_SIZES=200 and BENCH_SYSTEMS="room,socket.io" narrow a run (only the systems named start);
// BENCH_SECONDS sets its length, BENCH_PORT the room's port (default 8789).
// Beside each join's latency, "cpu" is the CPU time the server's processes (wrangler dev and its
// workerd, or the Socket.IO process) spent per join during the joins: unlike latency it hardly moves
// when other work shares the box, so it shows a change in the room's own cost on a busy machine.
// BENCH_PROFILE=1 takes a CPU profile of the room's Worker and object (wrangler dev's inspector)
// during the "room" joins of each size, writes it to .wrangler/join-N.cpuprofile and
// prints the functions that took the time (the profiler itself slows the run: its figures are not
// comparable with an unprofiled run).
// Loopback only, bounded in time, stops by itself. Run: `npm run bench:room`.
import { fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { connectProfiler } from "./cpu-profile.mjs";
import { prepareServer, serverGroup, waitForHttp } from "./lib/dev-server.mjs";
import { processSnapshot, treeCpu } from "./lib/proc-cpu.mjs";
import { ms, pct, pool, signed } from "./lib/stats.mjs";

const WORKER_PORT = Number(process.env.BENCH_PORT ?? 8789);
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

/**
 * CPU time (ms) used so far by a server (wrangler dev and its workerd, started as `group`'s leader, or
 * the Socket.IO process), per command name: what a join costs the server, unlike its latency, hardly
 * moves when other work shares the box, and the split shows which side of wrangler dev it lands on.
 */
const groupCpuByCommand = (group) => treeCpu(processSnapshot(), group);
const sum = (byCommand) => Object.values(byCommand).reduce((a, b) => a + b, 0);

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
  const cpuBefore = driver.group ? groupCpuByCommand(driver.group) : null;
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
  const cpuAfter = cpuBefore === null ? null : groupCpuByCommand(driver.group);
  const joinCpu = cpuAfter === null ? null : (sum(cpuAfter) - sum(cpuBefore)) / n;
  const joinCpuSplit =
    cpuAfter === null
      ? ""
      : Object.entries(cpuAfter)
          .map(([command, ms]) => `${command} ${((ms - (cpuBefore[command] ?? 0)) / n).toFixed(1)}`)
          .join(", ");
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
    joinCpuSplit,
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
    `${r.system.padEnd(13)} N=${String(r.n).padStart(3)}  admitted ${r.admitted}/${r.n}  join p50 ${ms(r.joinP50)} p99 ${ms(r.joinP99)}${r.joinCpu === null ? "" : ` cpu ${ms(r.joinCpu)} (${r.joinCpuSplit})`}  ` +
      `send→last p50 ${ms(r.fanP50)} p99 ${ms(r.fanP99)} max ${ms(r.fanMax)}  lost ${r.lost}/${r.deliveries}  dup ${r.duplicated}  order ${r.ordered ? "kept" : "BROKEN"}` +
      (process.env.BENCH_SLOWEST ? `  slowest ${r.slowest.join(", ")}` : ""),
  );
}

async function main() {
  const servers = serverGroup(HARD_LIMIT_MS);
  const wanted = (name) => SYSTEMS.includes(name);
  try {
    console.log("bench: applying migrations, seeding a live meeting and bundling the Worker…");
    const occurrenceIds = SIZES.map((n, i) => `occ_bench_${n}_${i}`);
    const httpOccurrenceIds = SIZES.map((n, i) => `occ_bench_http_${n}_${i}`);
    const { config, hostToken } = await prepareServer(PERSIST, [
      ...occurrenceIds,
      ...httpOccurrenceIds,
      WARMUP_OCCURRENCE,
    ]);

    const ports = [WORKER_PORT, wanted("floor dev") && FLOOR_DEV_PORT, wanted("floor workerd") && FLOOR_WORKERD_PORT];
    for (const port of ports.filter(Boolean)) {
      if (
        await fetch(`http://127.0.0.1:${port}/`).then(
          () => true,
          () => false,
        )
      )
        throw new Error(`port ${port} is already in use`);
    }
    console.log(
      `bench: starting the room (wrangler dev, :${WORKER_PORT}), the bare object (wrangler dev, :${FLOOR_DEV_PORT}; workerd, :${FLOOR_WORKERD_PORT}) and a Socket.IO room, as BENCH_SYSTEMS asks…`,
    );
    // One wrangler dev at a time: two starting together can pick the same free port for an internal socket.
    // Each server runs in its own process group: its pid is the group whose CPU time a join costs.
    const roomServer = await servers.wranglerDev(
      [
        "--config",
        config,
        "--no-bundle",
        "--port",
        String(WORKER_PORT),
        "--persist-to",
        PERSIST,
        ...(PROFILE ? ["--inspector-port", String(INSPECTOR_PORT)] : []),
      ],
      `http://127.0.0.1:${WORKER_PORT}/api/healthz`,
    );
    const floorServer = wanted("floor dev")
      ? await servers.wranglerDev(
          [
            "--config",
            "bench/room-floor/wrangler.toml",
            "--port",
            String(FLOOR_DEV_PORT),
            "--persist-to",
            `${PERSIST}/floor-dev`,
          ],
          `http://127.0.0.1:${FLOOR_DEV_PORT}/healthz`,
        )
      : null;
    let floorWorkerd = null;
    if (wanted("floor workerd")) {
      floorWorkerd = servers.add(startFloorWorkerd(FLOOR_WORKERD_PORT), "workerd");
      await waitForHttp(`http://127.0.0.1:${FLOOR_WORKERD_PORT}/healthz`, 30_000);
    }
    let sio = null;
    let siDriver = null;
    if (wanted("socket.io")) {
      sio = servers.add(
        fork(new URL(import.meta.url).pathname, ["--socketio-server", "0"], {
          stdio: ["ignore", "ignore", "inherit", "ipc"],
          detached: true,
        }),
        "the Socket.IO server",
      );
      const sioPort = await new Promise((resolve, reject) => {
        sio.once("message", (m) => resolve(m.port));
        sio.once("exit", (code) => reject(new Error(`Socket.IO server exited (${code})`)));
      });
      siDriver = await socketIoDriver(sioPort);
    }
    const profiler = PROFILE ? await connectProfiler(INSPECTOR_PORT) : null;
    const drivers = (n, i) =>
      [
        {
          ...workerDriver(occurrenceIds[i], hostToken),
          group: roomServer.pid,
          profile: profiler && joinProfile(profiler, n),
        },
        { ...workerDriver(httpOccurrenceIds[i], hostToken, "room http"), group: roomServer.pid },
        { ...floorDriver("floor dev", FLOOR_DEV_PORT, `n${n}-${i}`), group: floorServer?.pid },
        { ...floorDriver("floor workerd", FLOOR_WORKERD_PORT, `n${n}-${i}`), group: floorWorkerd?.pid },
        siDriver && { ...siDriver, group: sio.pid },
      ].filter((d) => d && wanted(d.name));

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
    for (const driver of warmups.filter((d) => d && wanted(d.name))) await scenario(driver, 20, 1);

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
    await servers.stop();
  }
  process.exit(0);
}

// Last, so every helper above is initialized before it runs.
if (process.argv[2] === "--socketio-server") await socketIoServer(Number(process.argv[3]));
else await main();
