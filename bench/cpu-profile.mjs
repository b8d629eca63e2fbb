// A CPU profile of a Worker under `wrangler dev`, through its DevTools inspector (--inspector-port):
// start before a scenario, stop after it, write the .cpuprofile (open it in Chrome DevTools) and
// print where the time went by function (self time), so a slow path is measured, not guessed.
import { writeFileSync } from "node:fs";

const { WebSocket } = await import("ws");

/** Connects to the first inspector target on `port` (the user Worker; its Durable Objects share the isolate locally). */
export async function connectProfiler(port) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
  const target = targets.find((t) => t.webSocketDebuggerUrl) ?? targets[0];
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let nextId = 1;
  const pending = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    }
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (msg) =>
        msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result),
      );
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: 200 });
  return {
    start: () => call("Profiler.start"),
    /** Stops, writes the profile to `file` and returns the top `top` functions by self and by total time. */
    async stop(file, top = 25) {
      const { profile } = await call("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      const { self, total } = times(profile);
      return { self: self.slice(0, top), total: total.slice(0, top) };
    },
    close: () => ws.close(),
  };
}

/** Self and total (inclusive) time per function (ms), and their share of the sampled time. */
function times(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    return `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-1)[0]}:${f.lineNumber + 1}`;
  };
  const deltas = profile.timeDeltas ?? [];
  const self = new Map();
  const total = new Map();
  let sum = 0;
  profile.samples.forEach((id, i) => {
    const us = deltas[i + 1] ?? deltas[i] ?? 0;
    sum += us;
    const leaf = name(byId.get(id));
    self.set(leaf, (self.get(leaf) ?? 0) + us);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at));
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + us);
    }
  });
  const rank = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([fn, us]) => ({ fn, ms: us / 1000, share: us / sum }));
  return { self: rank(self), total: rank(total) };
}
