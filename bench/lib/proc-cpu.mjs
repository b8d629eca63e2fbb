// CPU time per process tree, from /proc/<pid>/stat (utime + stime), for the benches: which process a
// cost lands on (the development SFU, a listener process, the bench itself, wrangler's node, workerd).
// Linux only; a process that exited between two snapshots drops out of the later one.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** Every process now: pid → { ppid, command, cpuMs }. */
export function processSnapshot() {
  const processes = new Map();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    // After the command: state, ppid, …; utime and stime are fields 14 and 15 of the whole line.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    processes.set(Number(pid), {
      ppid: Number(fields[1]),
      command,
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS,
    });
  }
  return processes;
}

/** CPU ms of `root` and every descendant, per command name; `{ self: true }` counts `root` alone. */
export function treeCpu(snapshot, root, { self = false } = {}) {
  const byCommand = {};
  const inTree = (pid) => {
    for (let p = pid; p > 1; p = snapshot.get(p)?.ppid ?? 0) if (p === root) return true;
    return false;
  };
  for (const [pid, p] of snapshot)
    if (self ? pid === root : inTree(pid)) byCommand[p.command] = (byCommand[p.command] ?? 0) + p.cpuMs;
  return byCommand;
}

/**
 * Measures named parts (each a pid and how to count it) between `start()` and `stop()`: CPU ms per part
 * (split by command where a part has several) and its share of one core over the wall time.
 */
export function cpuMeter(parts) {
  const read = () => {
    const snapshot = processSnapshot();
    return parts.map((part) => treeCpu(snapshot, part.pid, part));
  };
  let from = null;
  let t0 = 0;
  return {
    start() {
      from = read();
      t0 = performance.now();
    },
    stop() {
      const to = read();
      const wallMs = performance.now() - t0;
      return {
        wallMs,
        parts: parts.map((part, i) => {
          const byCommand = Object.fromEntries(
            Object.entries(to[i]).map(([command, ms]) => [command, ms - (from[i][command] ?? 0)]),
          );
          const cpuMs = Object.values(byCommand).reduce((a, b) => a + b, 0);
          return { name: part.name, cpuMs, core: cpuMs / wallMs, byCommand };
        }),
      };
    },
  };
}

/** One line per part: "name 12.3 s cpu = 87% of a core (workerd 11.0 s, node 1.3 s)". */
export function describeCpu(measured) {
  return measured.parts.map((p) => {
    const commands = Object.entries(p.byCommand).filter(([, ms]) => ms >= 50);
    const split =
      commands.length > 1 ? ` (${commands.map(([c, ms]) => `${c} ${(ms / 1000).toFixed(1)} s`).join(", ")})` : "";
    return `${p.name.padEnd(28)} ${(p.cpuMs / 1000).toFixed(1).padStart(6)} s cpu = ${(p.core * 100).toFixed(0).padStart(3)}% of a core${split}`;
  });
}
