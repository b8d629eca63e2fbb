import { describe, expect, it } from "vitest";
import { createMember } from "./fixtures";
import { enter, liveRoom } from "./rooms-helpers";

describe("a full room", () => {
  it("2 hosts and 50 attendees exchange messages with none lost, in one order for everyone", {
    timeout: 60_000,
  }, async () => {
    const { occurrenceId, group, host } = await liveRoom();
    const cohost = await createMember(group.id, ["admin"]);
    const hosts = [
      await enter(occurrenceId, "host-1", {}, host.auth),
      await enter(occurrenceId, "host-2", {}, cohost.auth),
    ];
    const attendees = await Promise.all(Array.from({ length: 50 }, (_, i) => enter(occurrenceId, `attendee-${i}`)));
    const everyone = [...hosts, ...attendees];
    for (const p of everyone) await p.socket.next("welcome");
    expect(hosts.every((h) => h.role === "host")).toBe(true);

    // Everyone has everyone in their roster once the batched roster frames settle.
    for (const p of everyone) {
      await p.socket.until((s) => {
        const ids = new Set(s.of("welcome")[0]?.roster.map((r) => r.id));
        for (const frame of s.of("roster"))
          for (const c of frame.changes) c.op === "upsert" ? ids.add(c.participant.id) : ids.delete(c.participantId);
        return ids.size === everyone.length;
      }, "full roster");
    }

    // Each participant sends two messages (burst allowance is 5), all at once.
    for (const p of everyone)
      for (const n of [1, 2]) p.socket.send({ type: "chat.send", text: `${p.participantId}#${n}` });
    const expected = everyone.length * 2;
    for (const p of everyone)
      await p.socket.until((s) => s.of("chat.message").length >= expected, `${expected} messages`);

    const reference = everyone[0]?.socket.of("chat.message").map((f) => f.message.id) ?? [];
    expect(new Set(reference).size).toBe(expected);
    for (const p of everyone) {
      const ids = p.socket.of("chat.message").map((f) => f.message.id);
      expect(ids).toEqual(reference); // none lost, none duplicated, same order everywhere
      expect(p.socket.of("error")).toHaveLength(0);
      // Each sender's own two messages arrive in the order sent.
      const mine = p.socket
        .of("chat.message")
        .filter((f) => f.message.participantId === p.participantId)
        .map((f) => f.message.text);
      expect(mine).toEqual([`${p.participantId}#1`, `${p.participantId}#2`]);
    }
    // Roster changes were batched: far fewer roster frames than joins.
    expect(hosts[0]?.socket.of("roster").length).toBeLessThan(everyone.length);
    for (const p of everyone) p.socket.close();
  });
});
