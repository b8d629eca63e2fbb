import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Participant, RosterChange } from "#shared/room-protocol";
import { RosterBatcher, RosterBook, welcomeRoster } from "./roster";
import { LIMITS } from "#shared/room-protocol";

const p = (id: string, name = id): Participant => ({ id, name, role: "attendee", muted: false, canSelfUnmute: false });

describe("RosterBatcher", () => {
  it("coalesces a burst of joins into one batch", () => {
    const b = new RosterBatcher();
    for (let i = 0; i < 200; i++) b.upsert(p(`p${i}`));
    const changes = b.flush();
    expect(changes).toHaveLength(200);
    expect(b.flush()).toEqual([]);
  });

  it("keeps only the latest change per participant, ordered by last change", () => {
    const b = new RosterBatcher();
    b.upsert(p("a"));
    b.upsert(p("b"));
    b.upsert(p("a", "Renamed"));
    b.remove("b");
    expect(b.flush()).toEqual([
      { op: "upsert", participant: p("a", "Renamed") },
      { op: "remove", participantId: "b" },
    ]);
  });
});

describe("welcomeRoster", () => {
  it("puts hosts first in a first page of fixed size and pages the rest, everyone exactly once", () => {
    const present = Array.from(
      { length: 300 },
      (_, i) => ({ ...p(`p${i}`), role: i === 250 ? "host" : "attendee" }) as const,
    );
    const { first, summary, pages } = welcomeRoster(present);
    expect(summary).toEqual({ total: 300, hosts: 1 });
    expect(first).toHaveLength(LIMITS.welcomeRoster);
    expect(first[0]?.id).toBe("p250");
    expect(pages.every((page) => page.length <= LIMITS.rosterPage)).toBe(true);
    const ids = [...first.map((x) => x.id), ...pages.flat().map((c) => (c.op === "upsert" ? c.participant.id : ""))];
    expect(new Set(ids).size).toBe(300);
    expect(ids).toHaveLength(300);
  });

  it("sends a small room whole in the welcome", () => {
    const { first, pages } = welcomeRoster([p("a"), p("b")]);
    expect(first.map((x) => x.id)).toEqual(["a", "b"]);
    expect(pages).toEqual([]);
  });
});

/** What one client shows: its welcome, then every roster frame it receives, applied in order. */
class Client {
  ids = new Map<string, Participant>();
  constructor(welcome: ReturnType<RosterBook["welcome"]>) {
    for (const p of welcome.first) this.ids.set(p.id, p);
    for (const frame of welcome.pageFrames) this.apply((JSON.parse(frame) as { changes: RosterChange[] }).changes);
  }
  apply(changes: RosterChange[]): void {
    for (const c of changes)
      c.op === "upsert" ? this.ids.set(c.participant.id, c.participant) : this.ids.delete(c.participantId);
  }
}

describe("RosterBook", () => {
  it("welcomes a burst of joiners from one shared roster, serialized once per flush", () => {
    let loads = 0;
    const book = new RosterBook(() => {
      loads++;
      return Array.from({ length: 180 }, (_, i) => p(`p${i}`));
    });
    const a = book.welcome(p("p0"));
    book.upsert(p("new"));
    const b = book.welcome(p("new"));
    expect(loads).toBe(1);
    expect(b.pageFrames).toBe(a.pageFrames); // the same strings, not rebuilt
    // The newcomer is named in their own welcome and counted, though the shared roster predates them.
    expect(b.first.at(-1)?.id).toBe("new");
    expect(b.summary.total).toBe(181);
    book.flush();
    expect(book.welcome(p("new")).pageFrames).not.toBe(a.pageFrames);
  });

  it("welcome and then every later flush always show the room as it is", () => {
    const id = fc.constantFrom("a", "b", "c", "d", "e", "f");
    const step = fc.oneof(
      fc.record({ op: fc.constant("upsert" as const), id, muted: fc.boolean(), host: fc.boolean() }),
      fc.record({ op: fc.constant("remove" as const), id }),
      fc.record({ op: fc.constant("welcome" as const), id }),
      fc.record({ op: fc.constant("flush" as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const truth = new Map<string, Participant>([["host", { ...p("host"), role: "host" }]]);
        const book = new RosterBook(() => [...truth.values()]);
        const clients: Client[] = [];
        for (const s of steps) {
          if (s.op === "upsert") {
            const entry: Participant = { ...p(s.id), muted: s.muted, role: s.host ? "host" : "attendee" };
            truth.set(s.id, entry);
            book.upsert(entry);
          } else if (s.op === "remove") {
            truth.delete(s.id);
            book.remove(s.id);
          } else if (s.op === "welcome") {
            // A joiner is present before they are welcomed (the room announces them as it welcomes them).
            const self = truth.get(s.id) ?? p(s.id);
            truth.set(s.id, self);
            book.upsert(self);
            const welcome = book.welcome(self);
            expect(welcome.first.some((x) => x.id === s.id)).toBe(true);
            clients.push(new Client(welcome));
          } else {
            const changes = book.flush();
            for (const c of clients) c.apply(changes);
          }
        }
        const changes = book.flush();
        for (const c of clients) {
          c.apply(changes);
          expect(c.ids).toEqual(truth);
        }
      }),
    );
  });
});
