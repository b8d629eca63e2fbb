import { describe, expect, it } from "vitest";
import type { Participant } from "#shared/room-protocol";
import { RosterBatcher, welcomeRoster } from "./roster";
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
