/**
 * Who may speak in a room: anyone not muted by a host, the person a host gave the floor to, or
 * hosts only. Zod-free, so the browser's room chunk can import it without the zod runtime.
 */
export const FLOOR_MODES = ["open", "raise_hand", "host_only"] as const;
export type FloorMode = (typeof FLOOR_MODES)[number];
