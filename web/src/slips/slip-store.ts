import { z } from "zod";
import { ISSUED_SLIP_KEY, type IssuedSlip } from "./slip-tab";

/**
 * The slip the room just issued (slip-tab.ts writes it), with the name the attendee typed for it,
 * kept in this browser tab only (sessionStorage): the printable page reads it without a server
 * round trip, nothing puts it in a URL, and closing the tab forgets both — what anonymity wants on
 * a shared computer.
 */
const issuedSlip = z.object({ token: z.string().min(1).max(4096), name: z.string().max(200) });

/**
 * This tab's slip. A tab opened from the room's "Print your slip" link starts with a copy of the
 * room tab's sessionStorage (an auxiliary browsing context); failing that, the opener's is read.
 */
export function loadIssuedSlip(): IssuedSlip | null {
  const read = (storage: Storage | undefined): IssuedSlip | null => {
    try {
      const parsed = issuedSlip.safeParse(JSON.parse(storage?.getItem(ISSUED_SLIP_KEY) ?? "null"));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  const opener = (() => {
    try {
      return (window.opener as Window | null)?.sessionStorage;
    } catch {
      return undefined;
    }
  })();
  return read(sessionStorage) ?? read(opener);
}
