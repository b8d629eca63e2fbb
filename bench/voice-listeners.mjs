// bench:voice's listeners: one child process (forked by bench/voice.mjs) runs a share of the werift
// listener peers, so that hundreds of peers' ICE, DTLS and SRTP are not all in the bench's own event
// loop. Commands arrive over IPC, answers go back the same way:
//   { type: "join", base, occurrence, from, count, concurrency }  → { type: "joined", failed: [...] }
//   { type: "audio", concurrency, limitMs }                       → { type: "audio", joins: [...] }
//   { type: "recover", concurrency, limitMs }                     → { type: "recovered", failed, rejoined }
//   { type: "give", at, limitMs }                                  → { type: "heard", firsts, silent, sdp }
//   { type: "stop" }                                               → closes every peer and exits.
import { describePeer, joinAudio, now, participant, until } from "./lib/voice-peer.mjs";
import { pool } from "./lib/stats.mjs";

let listeners = [];

const handlers = {
  async join({ base, occurrence, from, count, concurrency }) {
    const joined = await pool(count, concurrency, (i) =>
      participant(base, occurrence, String(from + i)).catch((err) => ({ failed: err.message })),
    );
    listeners = joined.filter((p) => !p.failed);
    return { type: "joined", failed: joined.filter((p) => p.failed).map((p) => p.failed) };
  },

  async audio({ concurrency, limitMs }) {
    const joins = await pool(listeners.length, concurrency, (i) =>
      joinAudio(listeners[i], limitMs).then(
        (j) => ({ ok: true, ...j }),
        (err) => ({ ok: false, error: err.message, state: describePeer(listeners[i]) }),
      ),
    );
    for (const [i, j] of joins.entries()) listeners[i].inAudio = j.ok;
    return { type: "audio", joins };
  },

  /**
   * As the web app does when its connection failed: audio again, on a fresh session from the room
   * (between gives, so that a give measures the path, not the rejoin). How many rejoined, and how.
   */
  async recover({ concurrency, limitMs }) {
    const failed = listeners.filter((l) => l.inAudio && l.pc?.iceConnectionState === "failed");
    const rejoins = await pool(failed.length, concurrency, (i) =>
      joinAudio(failed[i], limitMs).then(
        () => true,
        () => false,
      ),
    );
    for (const [i, ok] of rejoins.entries()) failed[i].inAudio = ok;
    return { type: "recovered", failed: failed.length, rejoined: rejoins.filter(Boolean).length };
  },

  /** Floor given at `at`: each listener's first packet after it, or null past `limitMs`. */
  async give({ at, limitMs }) {
    const inAudio = listeners.filter((l) => l.inAudio);
    for (const l of inAudio) l.clock.mark(at);
    const heard = () => inAudio.every((l) => l.clock.first !== null);
    await until(heard, "every listener hears", Math.max(0, at + limitMs - now())).catch(() => undefined);
    return {
      type: "heard",
      firsts: inAudio.map((l) => l.clock.first),
      silent: inAudio.filter((l) => l.clock.first === null).map(describePeer),
      // The largest description the SFU sent a listener here: whether closed pulls' slots are reused.
      sdp: {
        chars: Math.max(0, ...inAudio.map((l) => l.lastRemoteSdp.length)),
        mLines: Math.max(0, ...inAudio.map((l) => (l.lastRemoteSdp.match(/^m=/gm) ?? []).length)),
      },
    };
  },

  async stop() {
    await Promise.all(listeners.map((l) => l.pc?.close().catch(() => undefined)));
    for (const l of listeners) l.ws.close();
    process.exit(0);
  },
};

process.on("message", async (msg) => {
  try {
    process.send(await handlers[msg.type](msg));
  } catch (err) {
    process.send({ type: "failed", error: err.message });
  }
});
