import { useCallback, useState } from "react";
import type { ChatMessage } from "#shared/room-protocol";

/**
 * People whose messages this attendee chose not to see, for one room. Kept per tab
 * (sessionStorage), like the seat itself: a list that outlived the tab would tell the next person
 * at this device which meeting was attended. Nobody else learns of it; the room is not told.
 */
const key = (occurrenceId: string) => `mh.hidden.${occurrenceId}`;

export function readHidden(storage: Pick<Storage, "getItem">, occurrenceId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key(occurrenceId)) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export function writeHidden(
  storage: Pick<Storage, "setItem" | "removeItem">,
  occurrenceId: string,
  ids: readonly string[],
): void {
  if (ids.length === 0) storage.removeItem(key(occurrenceId));
  else storage.setItem(key(occurrenceId), JSON.stringify(ids));
}

/** The chat this person reads: hidden people's lines left out unless "Show hidden" is on. */
export function chatToShow(
  chat: readonly ChatMessage[],
  hidden: ReadonlySet<string>,
  showHidden: boolean,
): { shown: ChatMessage[]; hiddenCount: number } {
  if (hidden.size === 0) return { shown: [...chat], hiddenCount: 0 };
  const shown = showHidden ? [...chat] : chat.filter((m) => !hidden.has(m.participantId));
  const hiddenCount = chat.reduce((n, m) => n + (hidden.has(m.participantId) ? 1 : 0), 0);
  return { shown, hiddenCount };
}

/** Hide and unhide a person's messages in this room, for this tab only. */
export function useHiddenPeople(occurrenceId: string) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(readHidden(sessionStorage, occurrenceId)));
  const change = useCallback(
    (participantId: string, hide: boolean) =>
      setHidden((current) => {
        const next = new Set(current);
        if (hide) next.add(participantId);
        else next.delete(participantId);
        writeHidden(sessionStorage, occurrenceId, [...next]);
        return next;
      }),
    [occurrenceId],
  );
  return { hidden, change };
}
