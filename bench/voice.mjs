// Voice benchmark: the development SFU and the real room under `wrangler dev`, with werift peers in
// Node as participants (no browser). One speaker and N listeners (BENCH_LISTENERS, default 20) join a
// live meeting through the real HTTP join and WebSocket, then join audio through the room (voice.ice,
// voice.join, answering every voice.offer). A host switches the floor to raise-hand and gives the
// floor BENCH_GIVES times (default 10); the speaker unmutes as soon as it holds the floor and sends
// Opus-sized RTP every 20 ms; the host takes the floor back once every listener heard it.
//
// Measured: floor given (host action sent) → first audio RTP packet at each listener, p50/p99 over all
// gives and listeners; the room's signalling cost per listener joining audio (SFU API calls, counted by
// the development SFU, and the time the join takes in the room against the SFU's own share); the SFU
// calls per give; the size of a listener's last session description and of the speaker's offer.
// Reference, same run, same SFU: the bare SFU path — a werift publisher pushes a track and N werift
// listeners pull it directly through the SFU's API (no room), publish → first packet at each listener.
//
// Loopback only, bounded in time (BENCH_MINUTES, default 10), stops by itself. Run: `npm run bench:voice`.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from "werift";
import WebSocket from "ws";
import { launchDevSfu } from "../devtools/sfu/launch.ts";

const LISTENERS = Number(process.env.BENCH_LISTENERS ?? 20);
const GIVES = Number(process.env.BENCH_GIVES ?? 10);
// One at a time by default: with 10 concurrent joins, 6 of 20 werift listeners connected yet never
// received RTP from the development SFU (a werift/dev-SFU problem under concurrent session set-up, not
// the room's: the same joins one at a time always hear). BENCH_JOIN_CONCURRENCY=10 reproduces it.
const JOIN_CONCURRENCY = Number(process.env.BENCH_JOIN_CONCURRENCY ?? 1);
const HARD_LIMIT_MS = Number(process.env.BENCH_MINUTES ?? 10) * 60_000;
const STEP_LIMIT_MS = 60_000;
const PERSIST = ".wrangler/bench-voice";
const OCCURRENCE = "occ_bench_voice";

/** A free loopback port (BENCH_PORT to choose one): other engineers' dev servers use the fixed ones. */
async function freePort() {
  if (process.env.BENCH_PORT) return Number(process.env.BENCH_PORT);
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const PORT = await freePort();
const BASE = `http://127.0.0.1:${PORT}`;

// ---------------------------------------------------------------------------------------------
// Helpers

const pct = (values, p) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v) => `${v.toFixed(1)} ms`;
const signed = (v) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} ms`;
const summary = (values) => `p50 ${ms(pct(values, 50))} p99 ${ms(pct(values, 99))} max ${ms(Math.max(...values))}`;

/** Waits for a condition driven by network events, failing the run past `limitMs`. */
async function until(check, what, limitMs = STEP_LIMIT_MS) {
  const deadline = performance.now() + limitMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(5);
  }
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

const OPUS = () =>
  new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48_000, channels: 2, payloadType: 111 });

/** A werift peer that reaches the loopback SFU (no public STUN, loopback candidates on). */
function peer() {
  return new RTCPeerConnection({
    codecs: { audio: [OPUS()] },
    iceServers: [],
    iceAdditionalHostAddresses: ["127.0.0.1"],
    iceUseIpv4: true,
    iceUseIpv6: false,
  });
}

/** Sends generated Opus-sized RTP every 20 ms into whichever track is current. */
function rtpSource() {
  let seq = 0;
  let track = null;
  const timer = setInterval(() => {
    if (!track) return;
    seq = (seq + 1) & 0xffff;
    track.writeRtp(
      new RtpPacket(
        new RtpHeader({ payloadType: 111, sequenceNumber: seq, timestamp: seq * 960, ssrc: 4321, marker: false }),
        Buffer.alloc(80, seq & 0xff),
      ),
    );
  }, 20);
  return {
    use: (t) => {
      track = t;
    },
    stop: () => clearInterval(timer),
  };
}

/** Records, per listener, the first packet after a mark (a give, a publish). */
function packetClock(pc) {
  const clock = { since: Number.POSITIVE_INFINITY, first: null, packets: 0 };
  const seen = new Set();
  const listen = (track) => {
    if (seen.has(track)) return;
    seen.add(track);
    track.onReceiveRtp.subscribe(() => {
      const now = performance.now();
      clock.packets++;
      if (clock.first === null && now >= clock.since) clock.first = now;
    });
  };
  pc.onTrack.subscribe(listen);
  clock.mark = (at) => {
    clock.since = at;
    clock.first = null;
  };
  return clock;
}

// ---------------------------------------------------------------------------------------------
// The room side: seed, wrangler dev, participants

function wranglerEnv() {
  return {
    ...process.env,
    XDG_CONFIG_HOME: `${process.cwd()}/.xdg`,
    WRANGLER_SEND_METRICS: "false",
    CI: "1",
    NO_D1_WARNING: "true",
    // wrangler dev's local trace collector adds stalls to every invocation (see bench/room.mjs).
    X_LOCAL_OBSERVABILITY: "false",
  };
}

const sh = (args) =>
  execFileSync("wrangler", args, { env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });

function devVars() {
  execFileSync(process.execPath, ["scripts/dev-vars.mjs"]);
  return Object.fromEntries(
    readFileSync(".dev.vars", "utf8")
      .split("\n")
      .filter((l) => l.includes("=") && !l.startsWith("#"))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

/** A host's access token, signed as the app signs them (same claims and key id as bench/room.mjs). */
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

/**
 * The development entry from source, without the web app's assets (not built here, not needed), and
 * the per-address limits lifted: every participant joins from 127.0.0.1.
 */
function benchConfig(vars) {
  const root = process.cwd();
  mkdirSync(PERSIST, { recursive: true });
  const toml = readFileSync("wrangler.toml", "utf8")
    .replace(/^main = .*$/m, `main = "${root}/worker/dev/index.ts"`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = "${root}/migrations"`)
    .replace(/(name = "(RATE|JOIN)_LIMITER"[^[]*?limit = )\d+/g, "$11000000")
    .replace(/\n\[assets\][\s\S]*?(?=\n\[|$)/, "\n");
  writeFileSync(`${PERSIST}/wrangler.toml`, toml);
  // wrangler reads .dev.vars beside the config it runs.
  writeFileSync(
    `${PERSIST}/.dev.vars`,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  return `${PERSIST}/wrangler.toml`;
}

function seedSql(userId, familyId) {
  const now = Date.now();
  const today = new Date(now - 86_400_000).toISOString().slice(0, 10);
  return [
    `INSERT INTO groups (id, name, slug, timezone) VALUES ('grp_bench', 'Bench group', 'bench-group', 'America/Chicago');`,
    `INSERT INTO meetings (id, group_id, slug, name, types, languages, timezone, days, start_time, duration_minutes, chat_retention, updated_at) VALUES ('mtg_bench', 'grp_bench', 'bench-meeting', 'Bench meeting', '["O"]', '["EN"]', 'America/Chicago', '[1]', '19:00', 60, 'end', ${now});`,
    `INSERT INTO users (id, display_name) VALUES ('${userId}', 'Bench host');`,
    `INSERT INTO service_assignments (id, user_id, group_id, role, starts_on) VALUES ('sa_bench', '${userId}', 'grp_bench', 'host', '${today}');`,
    `INSERT INTO refresh_families (id, user_id, expires_at) VALUES ('${familyId}', '${userId}', ${now + 86_400_000});`,
    `INSERT INTO occurrences (id, meeting_id, local_date, starts_at, ends_at, status) VALUES ('${OCCURRENCE}', 'mtg_bench', '2030-01-01', ${now - 60_000}, ${now + 3_600_000}, 'live');`,
  ].join("\n");
}

/** A participant: the real HTTP join and the room's WebSocket, with every frame kept. */
async function participant(i, hostToken) {
  const headers = { "Content-Type": "application/json", "User-Agent": `bench-voice-${i}` };
  if (hostToken) headers.Authorization = `Bearer ${hostToken}`;
  const res = await fetch(`${BASE}/api/occurrences/${OCCURRENCE}/join`, {
    method: "POST",
    headers,
    body: JSON.stringify({ displayName: hostToken ? "Host" : `L${i}` }),
  });
  if (res.status !== 200) throw new Error(`join ${i}: ${res.status} ${await res.text()}`);
  const body = await res.json();
  const ws = new WebSocket(`ws://127.0.0.1:${PORT}${body.wsUrl}`, ["meetinghouse.v1", `ticket.${body.ticket}`]);
  const p = { ws, frames: [], self: null, handlers: new Set() };
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    p.frames.push(msg);
    if (msg.type === "welcome") p.self = msg.self.id;
    if (msg.type === "error") console.error(`bench: participant ${i} got error ${msg.code}`);
    for (const h of p.handlers) h(msg);
  });
  await until(() => p.self !== null, `welcome for ${i}`);
  p.send = (msg) => ws.send(JSON.stringify(msg));
  p.next = (type, match = () => true, from = 0) =>
    until(() => p.frames.slice(from).some((f) => f.type === type && match(f)), type).then(() =>
      p.frames.slice(from).find((f) => f.type === type && match(f)),
    );
  return p;
}

/**
 * Joins the room's audio as the web app does: voice.ice, then voice.join with an offer (one sendonly
 * microphone slot), answering every voice.offer the room forwards. Resolves once the room answered.
 */
async function joinAudio(p) {
  const pc = peer();
  p.pc = pc;
  p.lastRemoteSdp = "";
  pc.addTransceiver("audio", { direction: "sendonly" });
  p.clock = packetClock(pc);
  let chain = Promise.resolve();
  const serial = (op) => {
    chain = chain.then(op).catch((err) => console.error("bench: negotiation failed", err));
  };
  p.handlers.add((msg) => {
    if (msg.type === "voice.answer") serial(() => pc.setRemoteDescription({ type: "answer", sdp: msg.sdp }));
    if (msg.type === "voice.offer")
      serial(async () => {
        p.lastRemoteSdp = msg.sdp;
        await pc.setRemoteDescription({ type: "offer", sdp: msg.sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        p.send({ type: "voice.renegotiate", sdp: pc.localDescription.sdp });
      });
  });
  const t0 = performance.now();
  const from = p.frames.length;
  p.send({ type: "voice.ice" });
  await p.next("voice.ice", () => true, from);
  const tIce = performance.now();
  await pc.setLocalDescription(await pc.createOffer());
  const tOffer = performance.now();
  p.send({ type: "voice.join", sdp: pc.localDescription.sdp });
  await p.next("voice.answer", () => true, from);
  const tAnswer = performance.now();
  await chain;
  await until(() => pc.connectionState === "connected", "listener connected");
  // The room's share: the two round trips, without the peer's own offer work in between.
  return { roomMs: tIce - t0 + (tAnswer - tOffer), connectedMs: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// The bare SFU path (the reference): the same API calls, made directly, no room.

async function sfuApi(sfu, path, method, body) {
  const t0 = performance.now();
  const res = await fetch(`${sfu.baseUrl}/apps/${sfu.appId}/${path}`, {
    method,
    headers: { authorization: `Bearer ${sfu.secret}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`SFU ${path}: ${res.status} ${JSON.stringify(json)}`);
  return { json, ms: performance.now() - t0 };
}

async function bareSession(sfu, pc) {
  await pc.setLocalDescription(await pc.createOffer());
  const r = await sfuApi(sfu, "sessions/new", "POST", { sessionDescription: pc.localDescription });
  await pc.setRemoteDescription(r.json.sessionDescription);
  return { id: r.json.sessionId, ms: r.ms };
}

async function bareReference(sfu, n, rounds) {
  const pub = peer();
  const source = rtpSource();
  pub.addTransceiver("audio", { direction: "sendonly" });
  const pubSession = await bareSession(sfu, pub);
  const listeners = await pool(n, JOIN_CONCURRENCY, async () => {
    const pc = peer();
    pc.addTransceiver("audio", { direction: "sendonly" });
    const session = await bareSession(sfu, pc);
    return { pc, session, clock: packetClock(pc), pulls: [] };
  });
  const sessionsNewMs = listeners.map((l) => l.session.ms);
  // Connected first, as the room's listeners are: the rounds measure forwarding, not ICE and DTLS.
  await until(
    () => [pub, ...listeners.map((l) => l.pc)].every((pc) => pc.connectionState === "connected"),
    "bare peers connected",
  );
  const firstPacket = [];
  for (let round = 1; round <= rounds; round++) {
    const mic = new MediaStreamTrack({ kind: "audio" });
    const t0 = performance.now();
    for (const l of listeners) l.clock.mark(t0);
    const transceiver = pub.addTransceiver(mic, { direction: "sendonly" });
    await pub.setLocalDescription(await pub.createOffer());
    const trackName = `mic-${round}`;
    const pushed = await sfuApi(sfu, `sessions/${pubSession.id}/tracks/new`, "POST", {
      sessionDescription: pub.localDescription,
      tracks: [{ location: "local", mid: transceiver.mid, trackName }],
    });
    await pub.setRemoteDescription(pushed.json.sessionDescription);
    source.use(mic);
    // Six pulls in flight, as the room keeps (all at once tripped werift at 100 listeners).
    await pool(listeners.length, 6, async (i) => {
      const l = listeners[i];
      const pulled = await sfuApi(sfu, `sessions/${l.session.id}/tracks/new`, "POST", {
        tracks: [{ location: "remote", sessionId: pubSession.id, trackName }],
      });
      l.pulls = pulled.json.tracks.map((t) => t.mid);
      await l.pc.setRemoteDescription(pulled.json.sessionDescription);
      await l.pc.setLocalDescription(await l.pc.createAnswer());
      await sfuApi(sfu, `sessions/${l.session.id}/renegotiate`, "PUT", { sessionDescription: l.pc.localDescription });
    });
    await until(() => listeners.every((l) => l.clock.first !== null), "bare listeners hear the publisher");
    for (const l of listeners) firstPacket.push(l.clock.first - t0);
    source.use(null);
    await sfuApi(sfu, `sessions/${pubSession.id}/tracks/close`, "PUT", {
      tracks: [{ mid: transceiver.mid }],
      force: true,
    });
    await pool(listeners.length, 6, (i) =>
      sfuApi(sfu, `sessions/${listeners[i].session.id}/tracks/close`, "PUT", {
        tracks: listeners[i].pulls.map((mid) => ({ mid })),
        force: true,
      }),
    );
  }
  source.stop();
  await Promise.all([pub, ...listeners.map((l) => l.pc)].map((pc) => pc.close().catch(() => undefined)));
  return { sessionsNewMs, firstPacket };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const children = [];
  let stopping = false;
  const stopAll = () => {
    stopping = true;
    for (const child of children) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill?.("SIGTERM");
      }
    }
  };
  const guard = setTimeout(() => {
    console.error(`bench: hard limit of ${HARD_LIMIT_MS / 1000} s reached, stopping`);
    stopAll();
    process.exit(2);
  }, HARD_LIMIT_MS);
  for (const signal of ["SIGINT", "SIGTERM"])
    process.on(signal, () => {
      stopAll();
      process.exit(130);
    });

  const realtime = { appId: "meetinghouse-bench", secret: randomBytes(24).toString("base64url") };
  const turn = { keyId: "meetinghouse-bench-turn", token: randomBytes(24).toString("base64url") };
  const sfu = await launchDevSfu({ ...realtime, turn });
  const sfuInfo = { baseUrl: sfu.baseUrl, ...realtime };
  const calls = async () =>
    (await fetch(`${sfu.baseUrl}/dev/calls`, { headers: { authorization: `Bearer ${realtime.secret}` } })).json();
  const delta = (after, before) =>
    Object.fromEntries(
      Object.entries(after)
        .map(([k, v]) => [k, v - (before[k] ?? 0)])
        .filter(([, v]) => v > 0),
    );
  const total = (d) => Object.values(d).reduce((a, b) => a + b, 0);
  const peers = [];
  const source = rtpSource();

  try {
    const vars = devVars();
    rmSync(PERSIST, { recursive: true, force: true });
    console.log(`bench: ${LISTENERS} listeners, ${GIVES} gives; seeding a live meeting…`);
    const config = benchConfig(vars);
    sh(["d1", "migrations", "apply", "DB", "--local", "--config", config, "--persist-to", PERSIST]);
    const seedFile = `${PERSIST}/seed.sql`;
    writeFileSync(seedFile, seedSql("usr_bench_host", "fam_bench_host"));
    sh(["d1", "execute", "DB", "--local", "--config", config, "--persist-to", PERSIST, "--file", seedFile]);
    const hostToken = await hostAccessToken(vars.JWT_SECRET, "usr_bench_host", "fam_bench_host");

    console.log(`bench: starting wrangler dev on ${BASE} with the development SFU at ${sfu.baseUrl}…`);
    const dev = spawn(
      "wrangler",
      [
        "dev",
        "--config",
        config,
        "--ip",
        "127.0.0.1",
        "--port",
        String(PORT),
        "--persist-to",
        PERSIST,
        "--show-interactive-dev-session=false",
        "--log-level",
        "warn",
        ...["APP_ORIGIN", BASE, "ENVIRONMENT", "development", "EMAIL_DELIVERY", "dev-outbox"].flatMap((v, i, a) =>
          i % 2 ? [] : ["--var", `${v}:${a[i + 1]}`],
        ),
        "--var",
        `REALTIME_API_BASE:${sfu.baseUrl}`,
        "--var",
        `REALTIME_APP_ID:${realtime.appId}`,
        "--var",
        `REALTIME_APP_SECRET:${realtime.secret}`,
        "--var",
        `TURN_KEY_ID:${turn.keyId}`,
        "--var",
        `TURN_KEY_API_TOKEN:${turn.token}`,
      ],
      { env: wranglerEnv(), stdio: ["ignore", "ignore", "pipe"], detached: true },
    );
    children.push(dev);
    let devErr = "";
    dev.stderr.on("data", (d) => {
      devErr = (devErr + d).slice(-4000);
    });
    dev.once("exit", (code) => {
      if (!stopping) console.error(`bench: wrangler dev exited (${code})\n${devErr}`);
    });
    for (let up = false, deadline = performance.now() + 90_000; !up; ) {
      up = await fetch(`${BASE}/api/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up && performance.now() > deadline) throw new Error(`wrangler dev did not come up\n${devErr}`);
      if (!up) await sleep(300);
    }

    // The room: a host, a speaker and N listeners; raise-hand mode.
    const host = await participant("host", hostToken);
    host.send({ type: "host.floorMode", mode: "raise_hand" });
    await host.next("voice.state", (f) => f.voice.mode === "raise_hand");
    const speaker = await participant("speaker");
    const listeners = await pool(LISTENERS, JOIN_CONCURRENCY, (i) => participant(i));
    peers.push(speaker, ...listeners);

    // Listeners join audio (nobody speaks yet): the signalling cost per join.
    const beforeJoins = await calls();
    const joins = await pool(LISTENERS, JOIN_CONCURRENCY, (i) => joinAudio(listeners[i]));
    const joinCalls = delta(await calls(), beforeJoins);
    await joinAudio(speaker);

    // Gives: host gives the floor → speaker unmutes at once → each listener's first packet.
    const firstPacket = [];
    const speakerOfferChars = [];
    const beforeGives = await calls();
    let mic = null;
    speaker.handlers.add((msg) => {
      if (msg.type === "voice.stopped") source.use(null);
    });
    for (let round = 1; round <= GIVES; round++) {
      const from = speaker.frames.length;
      const t0 = performance.now();
      for (const l of listeners) l.clock.mark(t0);
      host.send({ type: "host.floorGive", participantId: speaker.self });
      await speaker.next("voice.state", (f) => f.voice.floor === speaker.self, from);
      // As the web app does: a fresh microphone slot per unmute (the room force-closes the last one).
      mic = new MediaStreamTrack({ kind: "audio" });
      const transceiver = speaker.pc.addTransceiver(mic, { direction: "sendonly" });
      await speaker.pc.setLocalDescription(await speaker.pc.createOffer());
      speakerOfferChars.push(speaker.pc.localDescription.sdp.length);
      speaker.send({ type: "voice.unmute", sdp: speaker.pc.localDescription.sdp, mid: transceiver.mid });
      await speaker.next("voice.answer", () => true, from);
      source.use(mic);
      await until(() => listeners.every((l) => l.clock.first !== null), `every listener hears give ${round}`).catch(
        (err) => {
          const state = listeners.map((l) => ({
            packets: l.clock.packets,
            offers: l.frames.filter((f) => f.type === "voice.offer").length,
            pc: l.pc.connectionState,
          }));
          throw new Error(`${err.message}: ${JSON.stringify(state)}`);
        },
      );
      for (const l of listeners) firstPacket.push(l.clock.first - t0);
      const took = host.frames.length;
      host.send({ type: "host.floorTake" });
      await speaker.next("voice.stopped", () => true, from);
      await host.next("voice.state", (f) => f.voice.speakers.length === 0, took);
      process.stdout.write(`  give ${round}/${GIVES} done\n`);
    }
    // Let the closes of the last give land before counting.
    await sleep(500);
    const giveCalls = delta(await calls(), beforeGives);
    const listenerSdp = listeners.map((l) => l.lastRemoteSdp.length);
    const mLines = listeners.map((l) => (l.lastRemoteSdp.match(/^m=/gm) ?? []).length);

    // The room's figures first: the reference below may fail on a loaded box without losing them.
    console.log(`\nvoice, 1 speaker + ${LISTENERS} listeners, ${GIVES} gives (${firstPacket.length} samples):`);
    console.log(`  floor given → first packet, room   ${summary(firstPacket)}`);
    console.log(`\nsignalling cost per listener joining audio (nobody speaking):`);
    console.log(`  SFU calls per join   ${(total(joinCalls) / LISTENERS).toFixed(2)}  ${JSON.stringify(joinCalls)}`);
    console.log(`  room round trips (voice.ice + voice.join → answer)  ${summary(joins.map((j) => j.roomMs))}`);
    console.log(`  join → connected                                     ${summary(joins.map((j) => j.connectedMs))}`);
    console.log(
      `\nper give: SFU calls ${(total(giveCalls) / GIVES).toFixed(1)} (${(total(giveCalls) / GIVES / LISTENERS).toFixed(2)} per listener)  ${JSON.stringify(giveCalls)}`,
    );
    console.log(
      `sizes after ${GIVES} gives: a listener's last SFU offer ${Math.max(...listenerSdp)} chars, ${Math.max(...mLines)} m-lines; ` +
        `the speaker's unmute offer ${speakerOfferChars[0]} → ${speakerOfferChars.at(-1)} chars (frame cap ${16 * 1024} bytes)`,
    );

    console.log("\nbench: the bare SFU path (reference)…");
    const bare = await bareReference(sfuInfo, LISTENERS, GIVES);
    console.log(`  publish → first packet, bare SFU   ${summary(bare.firstPacket)}`);
    console.log(
      `  the room's share                   p50 ${signed(pct(firstPacket, 50) - pct(bare.firstPacket, 50))} p99 ${signed(pct(firstPacket, 99) - pct(bare.firstPacket, 99))}`,
    );
    console.log(`  bare SFU sessions/new              ${summary(bare.sessionsNewMs)}`);
  } finally {
    clearTimeout(guard);
    source.stop();
    await Promise.all(peers.map((p) => p.pc?.close().catch(() => undefined)));
    for (const p of peers) p.ws?.close();
    stopAll();
    await sfu.stop();
  }
  process.exit(0);
}

await main();
