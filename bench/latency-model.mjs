// Latency model: what an attendee far from the room waits for, hop by hop, on each path they take.
// It counts the sequential cross-network hops of each path as the code runs them today (and as the
// alternatives would), gives each hop its kind, and prices it with published round-trip figures.
// No network: pure arithmetic over the table below, so it is cheap and deterministic. Run:
// `npm run bench:latency`.
//
// The meeting: a room placed for Chicago (a meeting in America/Chicago → location hint `enam`,
// worker/rooms/location.ts). The D1 primary is taken to be in `enam` too (created from there).
//
// Round trips (ms), attendee's Cloudflare location ↔ Chicago. Sources:
// - Tokyo 143, São Paulo 144: IBM Cloud VPC inter-region latency table, Dallas–Tokyo and
//   Dallas–São Paulo (https://cloud.ibm.com/docs/vpc?topic=vpc-inter-region-latency). Dallas stands
//   in for Chicago: the great-circle distances differ by about 3 % (Tokyo–Dallas 10,300 km,
//   Tokyo–Chicago 10,100 km; São Paulo–Dallas 8,100 km, São Paulo–Chicago 8,400 km).
// - Lagos 200: an ESTIMATE, not a published figure. Lagos reaches North America through Europe
//   (WACS / MainOne / Equiano landings in Portugal and the UK): Lagos–London ~100 ms (typical for
//   those cables) + London–Chicago ~95 ms (WonderNetwork-style city pings, New York–London ~75 ms
//   plus New York–Chicago ~20 ms). CAIDA's Ark monitor in Lagos (los2-ng) publishes RTT-vs-distance
//   quartiles that a better figure could be read from
//   (https://www.caida.org/projects/ark/statistics/los2-ng/med_rtt_vs_dist_v6.html).
// - The last mile (person ↔ nearest Cloudflare location): 20 ms in Tokyo and São Paulo, 40 ms in
//   Lagos: ESTIMATES (all three cities have Cloudflare locations; mobile networks add more).
// - D1 read replicas: one per D1 region (wnam, enam, weur, eeur, apac, oc), created by Cloudflare
//   when read replication is on, reached only through the Sessions API
//   (https://developers.cloudflare.com/d1/best-practices/read-replication/). Nearest replica:
//   Tokyo → apac (35 ms, estimate: Tokyo–Singapore is ~70 ms, Tokyo–Tokyo ~2 ms; the region's
//   replica may be either), São Paulo → enam (no South American D1 region: the same 144 ms as the
//   primary), Lagos → weur (100 ms, the Lagos–London estimate above).
// - A Durable Object storage commit: 5 ms, an ESTIMATE. Since the SQLite storage backend, a write
//   is confirmed once durable on followers in nearby data centers
//   (https://blog.cloudflare.com/sqlite-in-durable-objects/); the output gate holds the reply until then.
// - A Worker → Durable Object call goes from the attendee's Cloudflare location to the object's:
//   one attendee ↔ Chicago round trip.

const CITIES = {
  Tokyo: { lastMile: 20, toChicago: 143, replica: 35 },
  "São Paulo": { lastMile: 20, toChicago: 144, replica: 144 },
  Lagos: { lastMile: 40, toChicago: 200, replica: 100 },
};
const COMMIT = 5;

/** Hop kinds and what one costs for a city. */
const HOPS = {
  edge: { label: "person ↔ edge", cost: (c) => c.lastMile },
  tls: { label: "TCP+TLS 1.3 to edge (2 RTT)", cost: (c) => 2 * c.lastMile },
  cache: { label: "edge cache hit", cost: () => 1 },
  d1Primary: { label: "Worker → D1 primary", cost: (c) => c.toChicago },
  d1Replica: { label: "Worker → D1 replica", cost: (c) => c.replica },
  room: { label: "Worker → room object", cost: (c) => c.toChicago },
  commit: { label: "object storage commit", cost: () => COMMIT },
  roomToPeer: { label: "room → a listener's edge (one way)", cost: (c) => c.toChicago / 2 },
  fromPeer: { label: "a speaker's edge → room (one way)", cost: (c) => c.toChicago / 2 },
};

/**
 * Each path as a list of sequential hops. `today` is what the code does now; the others are the
 * alternatives the decisions weigh. A fresh page load pays TLS once; the API calls after it reuse
 * the connection (HTTP/2). The web app's files are static assets served from the edge.
 */
const PATHS = [
  {
    path: "directory page (cold load)",
    today: ["tls", "edge", "edge", "d1Replica"],
    primaryOnly: ["tls", "edge", "edge", "d1Primary"],
    edgeCached: ["tls", "edge", "edge", "cache"],
    note: "HTML+JS from the edge, then GET /api/meetings (readSession: a replica when replication is on)",
  },
  {
    path: "meeting page (from the directory)",
    today: ["edge", "d1Replica"],
    primaryOnly: ["edge", "d1Primary"],
    edgeCached: ["edge", "cache"],
    note: "GET /api/meetings/:id",
  },
  {
    path: "join: POST /join + socket with ticket",
    today: ["edge", "room", "commit", "edge", "room", "commit"],
    note: "two round trips to the room, each with a commit (seat; spent ticket + online) before the answer",
  },
  {
    path: "join: one round trip (join.<request> subprotocol)",
    today: ["edge", "room", "commit"],
    note: "gate + seat + welcome in one object call; the welcome waits for one commit (output gate)",
  },
  {
    path: "join, cold Worker (first join of this occurrence in this location)",
    today: ["edge", "d1Primary", "room", "commit"],
    replicaPlace: ["edge", "d1Replica", "room", "commit"],
    note: "the occurrence → meeting facts are read once per isolate (roomPlace), then cached",
  },
  {
    path: "first chat line (sender sees it, a listener in the same city gets it)",
    today: ["fromPeer", "roomToPeer", "edge"],
    note: "the room broadcasts before it stores the line, so no commit is on the path",
  },
  {
    path: "reconnect: POST /rejoin + socket with ticket",
    today: ["edge", "room", "edge", "room", "commit"],
    resumeSubprotocol: ["edge", "room", "commit"],
    note: "rejoin (no write) then the ticket socket (spent ticket + online flag); or resume.<session token>: one trip",
  },
];

function cost(hops, city) {
  return hops.reduce((sum, hop) => sum + HOPS[hop].cost(city), 0);
}

function describe(hops) {
  const counts = new Map();
  for (const hop of hops) counts.set(hop, (counts.get(hop) ?? 0) + 1);
  return [...counts].map(([hop, n]) => `${n}× ${HOPS[hop].label}`).join(", ");
}

const names = Object.keys(CITIES);
const col = (s, w) => String(s).padStart(w);
console.log("Latency model: attendee → a room placed for Chicago (ms, sequential network time only)\n");
console.log(`${"path / variant".padEnd(72)}${names.map((n) => col(n, 11)).join("")}`);
for (const p of PATHS) {
  for (const [variant, hops] of Object.entries(p).filter(([k]) => !["path", "note"].includes(k))) {
    const label = `${p.path}${variant === "today" ? "" : ` [${variant}]`}`;
    console.log(`${label.padEnd(72)}${names.map((n) => col(Math.round(cost(hops, CITIES[n])), 11)).join("")}`);
    console.log(`    ${describe(hops)}`);
  }
  console.log(`    (${p.note})`);
}

// The placement question: the same meeting with its room placed near the host instead. For a
// Chicago meeting with a host in Chicago nothing changes; with a host abroad (a Tokyo secretary
// hosting a Chicago meeting), every attendee in Chicago pays the Tokyo round trip on every frame.
console.log(
  "\nPlacement: a Chicago meeting of 30 in Chicago + 1 in Tokyo, hosted from Tokyo (join, one round trip, ms):",
);
const local = { lastMile: 20, toChicago: 5, replica: 5 };
const tokyoRoom = { local: { ...local, toChicago: 143 }, tokyo: { ...CITIES.Tokyo, toChicago: 5 } };
const oneTrip = ["edge", "room", "commit"];
const byZone = (30 * cost(oneTrip, local) + cost(oneTrip, CITIES.Tokyo)) / 31;
const byHost = (30 * cost(oneTrip, tokyoRoom.local) + cost(oneTrip, tokyoRoom.tokyo)) / 31;
console.log(`  room by the meeting's zone (Chicago): mean join ${byZone.toFixed(0)} ms`);
console.log(`  room by the host's region (Tokyo):    mean join ${byHost.toFixed(0)} ms`);
