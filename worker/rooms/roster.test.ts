import { describe, expect, it } from "vitest";
import type { Participant } from "#shared/room-protocol";
import { RosterBatcher } from "./roster";

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
