import { describe, expect, it } from "vitest";
import type { ChatMessage } from "#shared/room-protocol";
import { chatToShow, readHidden, writeHidden } from "./hidden-people";

const line = (id: string, participantId: string): ChatMessage => ({
  id,
  participantId,
  name: participantId,
  text: id,
  at: 0,
});
const chat = [line("m1", "p_a"), line("m2", "p_b"), line("m3", "p_a")];

/** A Storage stand-in over a Map (the hook uses the browser's sessionStorage). */
function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe("hiding a person's messages", () => {
  it("leaves their lines out and counts them", () => {
    expect(chatToShow(chat, new Set(["p_a"]), false)).toEqual({ shown: [chat[1]], hiddenCount: 2 });
  });
  it("shows everything again with Show hidden, still counting", () => {
    expect(chatToShow(chat, new Set(["p_a"]), true)).toEqual({ shown: chat, hiddenCount: 2 });
    expect(chatToShow(chat, new Set(), false)).toEqual({ shown: chat, hiddenCount: 0 });
  });
  it("is kept per room, and a damaged entry reads as nobody hidden", () => {
    const storage = memory();
    writeHidden(storage, "occ_1", ["p_a"]);
    expect(readHidden(storage, "occ_1")).toEqual(["p_a"]);
    expect(readHidden(storage, "occ_2")).toEqual([]);
    storage.setItem("mh.hidden.occ_3", "{not json");
    expect(readHidden(storage, "occ_3")).toEqual([]);
    storage.setItem("mh.hidden.occ_4", JSON.stringify([1, "p_b", null]));
    expect(readHidden(storage, "occ_4")).toEqual(["p_b"]);
    writeHidden(storage, "occ_1", []);
    expect(storage.map.has("mh.hidden.occ_1")).toBe(false);
  });
});
