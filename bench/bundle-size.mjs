// Builds the web app and prints the gzipped JavaScript the attendee path loads:
// the entry chunk with its static imports (directory, meeting page, join) plus the lazy room
// chunk with its own static imports. The service dashboard's lazy chunk is not on that path.
// English is bundled; another language's strings are chunks of their own (web/src/i18n/*.es.ts),
// loaded only by its readers: printed, and summed as the Spanish reader's path.
// Fails (exit 1) when the attendee path (English, the default) is above the budget from
// issue 7: 100 KB (1 KB = 1000 bytes, as Vite reports).
//
//   node_modules/.bin/node bench/bundle-size.mjs   (Node 22 from node_modules, like the npm scripts)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

// What `npm run build` ships: a production build even when run from a test runner (vitest sets NODE_ENV=test,
// which would bundle React's development build).
process.env.NODE_ENV = "production";

const ROOT = resolve(import.meta.dirname, "..");
const BUDGET_BYTES = 100_000;
const ROOM_ENTRY = "src/room/RoomPage.tsx";
/** Loaded later, on demand, never on an attendee's way into the room: printed, not counted. */
const ON_DEMAND = { "src/room/voice-client.ts": "on Join audio", "src/room/host-extras.ts": "hosts only" };

const outDir = mkdtempSync(join(tmpdir(), "mh-bundle-"));
try {
  await build({
    configFile: join(ROOT, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8"));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entryKey || !manifest[ROOM_ENTRY]) throw new Error(`manifest lacks the entry or ${ROOM_ENTRY}`);

  /** A chunk and everything it imports statically, each chunk once. */
  const closure = (key, into = new Set()) => {
    if (into.has(key)) return into;
    into.add(key);
    for (const dep of manifest[key].imports ?? []) closure(dep, into);
    return into;
  };
  const initial = closure(entryKey);
  const room = [...closure(ROOM_ENTRY)].filter((k) => !initial.has(k));
  const rows = [
    ...[...initial].map((k) => ({ part: "initial (directory, meeting, join)", key: k })),
    ...room.map((k) => ({ part: "lazy room", key: k })),
  ].map((row) => {
    const bytes = readFileSync(join(outDir, manifest[row.key].file));
    return { ...row, file: manifest[row.key].file, raw: bytes.length, gzip: gzipSync(bytes).length };
  });
  const counted = new Set([...initial, ...room]);
  const spanish = new Set(
    [...counted].flatMap((k) => manifest[k].dynamicImports ?? []).filter((k) => /\.es\.ts$/.test(k) && !counted.has(k)),
  );
  for (const k of spanish) rows.push({ part: "Spanish readers (their strings)", key: k });
  for (const [key, when] of Object.entries(ON_DEMAND)) {
    if (!manifest[key]) continue;
    for (const k of closure(key)) if (!counted.has(k)) rows.push({ part: `not counted (${when})`, key: k });
  }
  for (const row of rows) {
    if (row.raw !== undefined) continue;
    const bytes = readFileSync(join(outDir, manifest[row.key].file));
    Object.assign(row, { file: manifest[row.key].file, raw: bytes.length, gzip: gzipSync(bytes).length });
  }
  const kb = (n) => `${(n / 1000).toFixed(2)} KB`;
  for (const r of rows)
    console.log(
      `${r.part.padEnd(36)} ${r.file.padEnd(34)} ${kb(r.raw).padStart(10)} raw  ${kb(r.gzip).padStart(9)} gzip`,
    );
  const sum = (part) => rows.filter((r) => r.part.startsWith(part)).reduce((n, r) => n + r.gzip, 0);
  const total = sum("initial") + sum("lazy");
  console.log(
    `\ninitial JS ${kb(sum("initial"))} gzip + room JS ${kb(sum("lazy"))} gzip = attendee path ${kb(total)} gzip (budget ${kb(BUDGET_BYTES)})`,
  );
  console.log(
    `Spanish reader: attendee path + their strings ${kb(sum("Spanish"))} gzip = ${kb(total + sum("Spanish"))} gzip`,
  );
  if (total > BUDGET_BYTES) {
    console.error(`Over budget by ${kb(total - BUDGET_BYTES)}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
