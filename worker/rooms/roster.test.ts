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
    for (const page of welcome.pages) this.apply(page);
  }
  apply(changes: RosterChange[]): void {
    for (const c of changes)
      c.op === "upsert" ? this.ids.set(c.participant.id, c.participant) : this.ids.delete(c.participantId);
  }
}

describe("RosterBook", () => {
  it("reads the room from storage once, then keeps it in memory", () => {
    let loads = 0;
    const book = new RosterBook(() => {
      loads++;
      return Array.from({ length: 180 }, (_, i) => p(`p${i}`));
    });
    book.upsert(p("new")); // before the first load: only queued
    expect(book.welcome().summary.total).toBe(180);
    book.upsert(p("new"));
    book.remove("p0");
    expect(book.welcome().summary.total).toBe(180);
    expect(loads).toBe(1);
  });

  it("a welcome, then every later flush, always shows the room as it is", () => {
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
            // The room announces a joiner as it welcomes them.
            const self = truth.get(s.id) ?? p(s.id);
            truth.set(s.id, self);
            book.upsert(self);
            const client = new Client(book.welcome());
            expect(client.ids).toEqual(truth); // exact at once, not only after the next flush
            clients.push(client);
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
