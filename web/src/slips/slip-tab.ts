/**
 * Where this tab keeps the slip the room issued (sessionStorage): the room writes it and asks whether
 * there is one, without zod (the room's chunk stays small); the printable page reads and checks it
 * with slip-store.ts.
 */
export type IssuedSlip = { token: string; name: string };

export const ISSUED_SLIP_KEY = "mh.slip";

export function saveIssuedSlip(slip: IssuedSlip): void {
  sessionStorage.setItem(ISSUED_SLIP_KEY, JSON.stringify(slip));
}

/** Whether this tab holds a slip (the printable page checks what it holds before showing it). */
export function hasIssuedSlip(): boolean {
  return sessionStorage.getItem(ISSUED_SLIP_KEY) !== null;
}
