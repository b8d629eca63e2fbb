import { LIMITS, type Participant, type RosterChange } from "#shared/room-protocol";

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

/**
 * The room's roster in memory: who is present (as the roster frames describe them) and the changes
 * not yet sent. A welcome is built from who is present now, so welcome and every later flush are
 * always the room as it is. (A welcome roster shared by all joiners until the next flush was tried:
 * no CPU change measurable at N=200, and a welcome could lag the room by one flush window.)
 */
export class RosterBook {
  #present: Map<string, Participant> | null = null;
  #batch = new RosterBatcher();

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

  /** The changes to send everyone now. */
  flush(): RosterChange[] {
    return this.#batch.flush();
  }

  /** What a joiner's welcome carries: the first people and the count, then `roster` pages. */
  welcome(): ReturnType<typeof welcomeRoster> {
    this.#present ??= new Map(this.load().map((p) => [p.id, p]));
    return welcomeRoster([...this.#present.values()]);
  }
}
