// Voice benchmark: the development SFU and the real room under `wrangler dev` (the Worker bundled
// once), with werift peers in Node as participants (no browser). One speaker and N listeners
// (BENCH_LISTENERS, default 20) join a live meeting through the real HTTP join and WebSocket, then
// join audio through the room (voice.ice, voice.join, answering every voice.offer) — all at once by
// default, as at a meeting's start (BENCH_JOIN_CONCURRENCY caps that). The listeners run in child
// processes (bench/voice-listeners.mjs, BENCH_WORKERS of them, default one per 50 listeners), so the
// bench's own event loop is not what limits a room of 300. A host switches the floor to raise-hand and
// gives the floor BENCH_GIVES times (default 10); the speaker unmutes as soon as it holds the floor and
// sends Opus-sized RTP (every 20 ms; 100 ms above 50 listeners, BENCH_PACKET_MS); the host takes
// the floor back once every listener heard it or BENCH_GIVE_SECONDS (default 60) passed, then waits
// until the room closed every pull. CPU per process (the SFU, each listener process, the bench with
// host and speaker, wrangler dev = the room) is measured over the joins and over each give.
//
// Measured, per give: how many of the N listeners heard it, floor given (host action sent) → first
// audio RTP packet p50/p99, and the SFU calls it took (counted by the development SFU); overall: the
// room's signalling cost per listener joining audio (SFU calls, room round trips), description sizes.
// A listener that stays silent is described (its connection, offers, refusals) with the SFU's side of
// every session whose media path is not up (GET /v1/dev/health).
// Reference, same run, same SFU: the bare SFU path — a werift publisher pushes a track and
// BENCH_REFERENCE werift listeners (default N up to 50, else none) pull it directly through the
// SFU's API (no room), publish → first packet at each listener.
//
// Loopback only, bounded in time (BENCH_MINUTES, default 10), stops by itself. Run: `npm run bench:voice`.
// Ports: BENCH_PORT for wrangler dev and BENCH_SFU_PORT for the SFU (default: free ones).
import { fork } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { launchDevSfuForWrangler } from "../devtools/sfu/launch.ts";
import { prepareServer, serverGroup } from "./lib/dev-server.mjs";
import { cpuMeter, describeCpu } from "./lib/proc-cpu.mjs";
import { ms, pct, pool, signed } from "./lib/stats.mjs";
import {
  describePeer,
  ignoreRepeatedHelloVerify,
  joinAudio,
  MediaStreamTrack,
  now,
  packetClock,
  participant,
  peer,
  rtpSource,
  until,
} from "./lib/voice-peer.mjs";

const LISTENERS = Number(process.env.BENCH_LISTENERS ?? 20);
const GIVES = Number(process.env.BENCH_GIVES ?? 10);
const JOIN_CONCURRENCY = Number(process.env.BENCH_JOIN_CONCURRENCY ?? LISTENERS);
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.ceil(LISTENERS / 50));
const REFERENCE = Number(process.env.BENCH_REFERENCE ?? (LISTENERS <= 50 ? LISTENERS : 0));
// The speaker's packet interval: 20 ms (a microphone's rate) up to 50 listeners. Above, 100 ms: the
// development SFU is werift (SRTP in JavaScript, one encryption per listener per packet), and 300 × 50
// packets a second starve its event loop on a 2-core box until ICE consent expires (see
// bench/voice-results.md); Cloudflare's SFU fans out natively. The measure is unchanged in kind, "floor
// given → first packet": it includes at most one interval of waiting for the next packet.
const PACKET_MS = Number(process.env.BENCH_PACKET_MS ?? (LISTENERS <= 50 ? 20 : 100));
const GIVE_LIMIT_MS = Number(process.env.BENCH_GIVE_SECONDS ?? 60) * 1000;
const JOIN_LIMIT_MS = 120_000;
const HARD_LIMIT_MS = Number(process.env.BENCH_MINUTES ?? 10) * 60_000;
const PERSIST = ".wrangler/bench-voice";
const OCCURRENCE = "occ_bench_voice";

/** A free loopback port unless `fixed` names one: other engineers' dev servers use the usual ones. */
async function port(fixed) {
  if (fixed) return Number(fixed);
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const summary = (values) =>
  values.length ? `p50 ${ms(pct(values, 50))} p99 ${ms(pct(values, 99))} max ${ms(Math.max(...values))}` : "no samples";

// ---------------------------------------------------------------------------------------------
// The listeners' child processes

/** Forks `WORKERS` listener processes and splits the N listeners between them. */
function listenerProcesses(servers) {
  const shares = Array.from({ length: WORKERS }, (_, w) => {
    const from = Math.floor((w * LISTENERS) / WORKERS);
    return { from, count: Math.floor(((w + 1) * LISTENERS) / WORKERS) - from };
  }).filter((s) => s.count > 0);
  return shares.map((share) => {
    const child = servers.add(
      fork(new URL("voice-listeners.mjs", import.meta.url).pathname, [], {
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        detached: true,
      }),
      "a listener process",
    );
    const ask = (msg) =>
      new Promise((resolve, reject) => {
        child.once("message", (answer) =>
          answer.type === "failed" ? reject(new Error(`listener process: ${answer.error}`)) : resolve(answer),
        );
        child.send(msg);
      });
    return { ...share, ask, child };
  });
}

/** Sends one command to every listener process; their answers in order. */
const askAll = (procs, msg) => Promise.all(procs.map((p) => p.ask(typeof msg === "function" ? msg(p) : msg)));

// ---------------------------------------------------------------------------------------------
// The bare SFU path (the reference): the same API calls, made directly, no room.

async function sfuApi(sfu, path, method, body) {
  const t0 = now();
  const res = await fetch(`${sfu.baseUrl}/apps/${sfu.appId}/${path}`, {
    method,
    headers: { authorization: `Bearer ${sfu.secret}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`SFU ${path}: ${res.status} ${JSON.stringify(json)}`);
  return { json, ms: now() - t0 };
}

async function bareSession(sfu, pc) {
  await pc.setLocalDescription(await pc.createOffer());
  ignoreRepeatedHelloVerify(pc);
  const r = await sfuApi(sfu, "sessions/new", "POST", { sessionDescription: pc.localDescription });
  await pc.setRemoteDescription(r.json.sessionDescription);
  return { id: r.json.sessionId, ms: r.ms };
}

async function bareReference(sfu, n, rounds) {
  const pub = peer();
  const source = rtpSource(PACKET_MS);
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
    const t0 = now();
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
  const servers = serverGroup(HARD_LIMIT_MS);
  const source = rtpSource(PACKET_MS);
  const peers = [];
  let procs = [];
  try {
    const PORT = await port(process.env.BENCH_PORT);
    const BASE = `http://127.0.0.1:${PORT}`;
    console.log(
      `bench: ${LISTENERS} listeners in ${WORKERS} processes, ${GIVES} gives, a packet every ${PACKET_MS} ms; seeding and bundling…`,
    );
    const { config, hostToken } = await prepareServer(PERSIST, [OCCURRENCE]);
    const sfu = await launchDevSfuForWrangler("meetinghouse-bench", await port(process.env.BENCH_SFU_PORT));
    servers.add(sfu.child, "the development SFU");
    const dev = (path) => fetch(`${sfu.baseUrl}/dev/${path}`, { headers: { authorization: `Bearer ${sfu.secret}` } });
    const calls = async () => (await dev("calls")).json();
    const delta = (after, before) =>
      Object.fromEntries(
        Object.entries(after)
          .map(([k, v]) => [k, v - (before[k] ?? 0)])
          .filter(([, v]) => v > 0),
      );
    const total = (d) => Object.values(d).reduce((a, b) => a + b, 0);
    const CLOSE = "PUT sessions/:id/tracks/close";

    console.log(`bench: starting wrangler dev on ${BASE} with the development SFU at ${sfu.baseUrl}…`);
    const wrangler = await servers.wranglerDev(
      [
        "--config",
        config,
        "--no-bundle",
        "--port",
        String(PORT),
        "--persist-to",
        PERSIST,
        ...["APP_ORIGIN", BASE, "ENVIRONMENT", "development", "EMAIL_DELIVERY", "dev-outbox"].flatMap((v, i, a) =>
          i % 2 ? [] : ["--var", `${v}:${a[i + 1]}`],
        ),
        ...sfu.wranglerVars,
      ],
      `${BASE}/api/healthz`,
    );

    // The room: a host and a speaker here, N listeners in the child processes; raise-hand mode.
    const host = await participant(BASE, OCCURRENCE, "host", hostToken);
    host.send({ type: "host.floorMode", mode: "raise_hand" });
    await host.next("voice.state", (f) => f.voice.mode === "raise_hand");
    const speaker = await participant(BASE, OCCURRENCE, "speaker");
    peers.push(host, speaker);
    procs = listenerProcesses(servers);
    // Where the CPU goes, per process (and its children): measured over the joins and over each give.
    const cpu = cpuMeter([
      { name: "the dev SFU", pid: sfu.child.pid },
      ...procs.map((p, i) => ({ name: `listener process ${i + 1} (${p.count})`, pid: p.child.pid })),
      { name: "bench (host + speaker)", pid: process.pid, self: true },
      { name: "wrangler dev (the room)", pid: wrangler.pid },
    ]);
    const cpuPhases = [];
    const showCpu = (label, measured) => {
      cpuPhases.push({ label, measured });
      console.log(`    cpu over ${label} (${ms(measured.wallMs)} wall):`);
      for (const line of describeCpu(measured)) console.log(`      ${line}`);
    };
    const perProcess = Math.max(1, Math.ceil(JOIN_CONCURRENCY / procs.length));
    const roomJoins = await askAll(procs, (p) => ({
      type: "join",
      base: BASE,
      occurrence: OCCURRENCE,
      from: p.from,
      count: p.count,
      concurrency: perProcess,
    }));
    const roomFailed = roomJoins.flatMap((r) => r.failed);
    if (roomFailed.length)
      console.log(`  ${roomFailed.length} listeners could not join the room, e.g. ${roomFailed[0]}`);

    // Listeners join audio (nobody speaks yet): the signalling cost per join.
    const beforeJoins = await calls();
    cpu.start();
    const joins = (await askAll(procs, { type: "audio", concurrency: perProcess, limitMs: JOIN_LIMIT_MS })).flatMap(
      (r) => r.joins,
    );
    const joinCalls = delta(await calls(), beforeJoins);
    const joinCpu = cpu.stop();
    const joined = joins.filter((j) => j.ok);
    console.log(
      `bench: ${joined.length}/${LISTENERS} listeners in audio (joining ${JOIN_CONCURRENCY} at a time)` +
        (joined.length < joins.length
          ? `; not connected: ${joins.length - joined.length}, e.g. ${JSON.stringify(joins.find((j) => !j.ok))}`
          : ""),
    );
    showCpu("the listeners joining audio", joinCpu);
    await joinAudio(speaker, JOIN_LIMIT_MS);

    // Gives: host gives the floor → speaker unmutes at once → each listener's first packet.
    const firstPacket = [];
    const gives = [];
    const speakerOfferChars = [];
    speaker.handlers.add((msg) => {
      if (msg.type === "voice.stopped") source.use(null);
    });
    for (let round = 1; round <= GIVES; round++) {
      // As the web app does after a failed connection: audio again, listen-only, on a fresh session.
      if (speaker.pc.iceConnectionState === "failed") {
        console.log(
          `  give ${round}: the speaker's connection failed (${JSON.stringify(describePeer(speaker))}); joining audio again`,
        );
        await joinAudio(speaker, JOIN_LIMIT_MS);
        speaker.mic = null;
      }
      const recovered = await askAll(procs, { type: "recover", concurrency: perProcess, limitMs: JOIN_LIMIT_MS });
      const failed = recovered.reduce((n, r) => n + r.failed, 0);
      if (failed)
        console.log(
          `  give ${round}: ${failed} listeners' connections had failed; ${recovered.reduce((n, r) => n + r.rejoined, 0)} joined audio again`,
        );
      const before = await calls();
      const from = speaker.frames.length;
      cpu.start();
      const t0 = now();
      const heard = askAll(procs, { type: "give", at: t0, limitMs: GIVE_LIMIT_MS });
      host.send({ type: "host.floorGive", participantId: speaker.self });
      await speaker.next("voice.state", (f) => f.voice.floor === speaker.self, from);
      // As the web app does: the room closed the last microphone's track on the SFU, so its
      // transceiver is stopped and the new one reuses its m-line (the offer keeps its size).
      const mic = new MediaStreamTrack({ kind: "audio" });
      speaker.mic?.stop();
      const transceiver = speaker.pc.addTransceiver(mic, { direction: "sendonly" });
      speaker.mic = transceiver;
      await speaker.pc.setLocalDescription(await speaker.pc.createOffer());
      speakerOfferChars.push(speaker.pc.localDescription.sdp.length);
      speaker.send({ type: "voice.unmute", sdp: speaker.pc.localDescription.sdp, mid: transceiver.mid });
      await speaker.next("voice.answer", () => true, from);
      source.use(mic);
      const answers = await heard;
      const firsts = answers
        .flatMap((a) => a.firsts)
        .filter((at) => at !== null)
        .map((at) => at - t0);
      const silent = answers.flatMap((a) => a.silent);
      firstPacket.push(...firsts);
      // Floor back; the next give starts once the room closed the mic and every listener's pull.
      const took = host.frames.length;
      host.send({ type: "host.floorTake" });
      await speaker.next("voice.stopped", () => true, from);
      await host.next("voice.state", (f) => f.voice.speakers.length === 0, took);
      const settle = now() + GIVE_LIMIT_MS;
      let after = await calls();
      while ((delta(after, before)[CLOSE] ?? 0) < joined.length + 1 && now() < settle) {
        await sleep(100);
        after = await calls();
      }
      const giveCalls = delta(after, before);
      const giveCpu = cpu.stop();
      gives.push({ heard: firsts.length, calls: giveCalls, sdp: answers.map((a) => a.sdp) });
      console.log(
        `  give ${round}/${GIVES}: heard ${firsts.length}/${LISTENERS}  floor given → first packet ${summary(firsts)}  SFU calls ${total(giveCalls)} ${JSON.stringify(giveCalls)}`,
      );
      if (silent.length) {
        const health = await (await dev("health")).json();
        const down = health.filter((h) => h.connection !== "connected" || h.pulls.some((p) => p.dtls !== "connected"));
        console.log(
          `    silent, e.g. ${JSON.stringify(silent.slice(0, 3))}; the speaker: ${JSON.stringify(describePeer(speaker))}`,
        );
        console.log(
          `    SFU sessions whose media path is not up: ${down.length}, e.g. ${JSON.stringify(down.slice(0, 3))}`,
        );
      }
      showCpu(`give ${round}`, giveCpu);
    }

    // The room's figures first: the reference below may fail on a loaded box without losing them.
    const giveCalls = gives.map((g) => total(g.calls));
    console.log(`\nvoice, 1 speaker + ${LISTENERS} listeners, ${GIVES} gives (${firstPacket.length} samples):`);
    console.log(`  heard per give        ${gives.map((g) => g.heard).join(", ")} of ${LISTENERS}`);
    console.log(`  floor given → first packet, room   ${summary(firstPacket)}`);
    console.log(`\nsignalling cost per listener joining audio (nobody speaking, ${JOIN_CONCURRENCY} at a time):`);
    console.log(`  SFU calls per join   ${(total(joinCalls) / LISTENERS).toFixed(2)}  ${JSON.stringify(joinCalls)}`);
    console.log(`  room round trips (voice.ice + voice.join → answer)  ${summary(joined.map((j) => j.roomMs))}`);
    console.log(`  join → connected                                     ${summary(joined.map((j) => j.connectedMs))}`);
    console.log(
      `\nper give: SFU calls ${(pct(giveCalls, 50) ?? 0).toFixed(0)} (median; ${(pct(giveCalls, 50) / LISTENERS).toFixed(2)} per listener)`,
    );
    const lastSdp = gives.at(-1)?.sdp ?? [];
    console.log(
      `sizes after ${GIVES} gives: a listener's last SFU offer ${Math.max(...lastSdp.map((d) => d.chars))} chars, ${Math.max(...lastSdp.map((d) => d.mLines))} m-lines; ` +
        `the speaker's unmute offer ${speakerOfferChars[0]} → ${speakerOfferChars.at(-1)} chars over ${GIVES} unmutes (frame cap ${16 * 1024} bytes)`,
    );

    if (REFERENCE > 0) {
      console.log(`\nbench: the bare SFU path (reference, ${REFERENCE} listeners in this process)…`);
      const bare = await bareReference(sfu, REFERENCE, GIVES);
      console.log(`  publish → first packet, bare SFU   ${summary(bare.firstPacket)}`);
      console.log(
        `  the room's share                   p50 ${signed(pct(firstPacket, 50) - pct(bare.firstPacket, 50))} p99 ${signed(pct(firstPacket, 99) - pct(bare.firstPacket, 99))}`,
      );
      console.log(`  bare SFU sessions/new              ${summary(bare.sessionsNewMs)}`);
    }
  } finally {
    source.stop();
    await Promise.all(procs.map((p) => p.child.connected && p.child.send({ type: "stop" })));
    await Promise.all(peers.map((p) => p.pc?.close().catch(() => undefined)));
    for (const p of peers) p.ws?.close();
    await servers.stop();
  }
  process.exit(0);
}

await main();
