import { LIMITS, type Participant, type RosterChange, type ServerMessage } from "#shared/room-protocol";

/** At most one roster frame per this many milliseconds. */
export const ROSTER_FLUSH_MS = 100;

/**
 * Collects roster changes between flushes so a burst of N joins costs one frame per window, not
 * N frames to each of N people (O(N²)). Later changes to a participant replace earlier ones:
 * a join and a leave within one window cancel out to a single `remove`.
 */
export class RosterBatcher {
  #pending = new Map<string, RosterChange>();

  upsert(participant: Participant): void {
    this.#pending.delete(participant.id); // keep insertion order = order of last change
    this.#pending.set(participant.id, { op: "upsert", participant });
  }

  remove(participantId: string): void {
    this.#pending.delete(participantId);
    this.#pending.set(participantId, { op: "remove", participantId });
  }

  /** The changes since the last flush, oldest first; empties the batch. */
  flush(): RosterChange[] {
    const changes = [...this.#pending.values()];
    this.#pending.clear();
    return changes;
  }
}

/**
 * What a joiner gets of the roster: the people they see first (hosts, then by arrival) in the
 * welcome, the whole room in numbers, and everyone else in pages of `roster` upserts after it, so
 * the welcome stays the same size however big the room is.
 */
export function welcomeRoster(present: readonly Participant[]): {
  first: Participant[];
  summary: { total: number; hosts: number };
  pages: RosterChange[][];
} {
  const hosts = present.filter((p) => p.role === "host");
  const ordered = [...hosts, ...present.filter((p) => p.role !== "host")];
  const pages: RosterChange[][] = [];
  for (let i = LIMITS.welcomeRoster; i < ordered.length; i += LIMITS.rosterPage)
    pages.push(ordered.slice(i, i + LIMITS.rosterPage).map((participant) => ({ op: "upsert", participant })));
  return {
    first: ordered.slice(0, LIMITS.welcomeRoster),
    summary: { total: present.length, hosts: hosts.length },
    pages,
  };
}

type SharedWelcome = ReturnType<typeof welcomeRoster> & { pageFrames: string[]; ids: Set<string> };

/**
 * The room's roster in memory: who is present (as the roster frames describe them), the changes
 * not yet sent, and the roster joiners are welcomed with. That last one is built once and shared
 * until the next flush (its pages serialized once), so a burst of joins costs one roster build per
 * flush window instead of one per join. It can lag the room by the changes since it was built,
 * but each of those is in the batch, and a joiner receives the flush that sends it: welcome, then
 * every later flush, is always the room as it is.
 */
export class RosterBook {
  #present: Map<string, Participant> | null = null;
  #batch = new RosterBatcher();
  #shared: SharedWelcome | null = null;

  /** `load`: the present people from storage, read at first need (a woken room starts without them). */
  constructor(private readonly load: () => Participant[]) {}

  upsert(entry: Participant): void {
    this.#present?.set(entry.id, entry);
    this.#batch.upsert(entry);
  }

  remove(participantId: string): void {
    this.#present?.delete(participantId);
    this.#batch.remove(participantId);
  }

  /** The changes to send everyone now; the next joiner gets a fresh shared roster. */
  flush(): RosterChange[] {
    this.#shared = null;
    return this.#batch.flush();
  }

  /**
   * What a joiner's welcome carries: the first people and the count (including the joiner, whom
   * the shared roster may not list yet), and the serialized `roster` pages that follow it.
   */
  welcome(self: Participant): {
    first: Participant[];
    summary: { total: number; hosts: number };
    pageFrames: string[];
  } {
    if (!this.#shared) {
      this.#present ??= new Map(this.load().map((p) => [p.id, p]));
      const roster = welcomeRoster([...this.#present.values()]);
      const pageFrames = roster.pages.map((changes) =>
        JSON.stringify({ type: "roster", changes } satisfies ServerMessage),
      );
      this.#shared = { ...roster, pageFrames, ids: new Set(this.#present.keys()) };
    }
    const { first, summary, pageFrames, ids } = this.#shared;
    if (ids.has(self.id)) return { first, summary, pageFrames };
    const hosts = summary.hosts + (self.role === "host" ? 1 : 0);
    return { first: [...first, self], summary: { total: summary.total + 1, hosts }, pageFrames };
  }
}
