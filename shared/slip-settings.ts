/** A meeting's attendance slip settings: their limits, for the API's validation and the meeting form alike. */

/** Minutes of presence a slip needs when the meeting sets none. */
export const DEFAULT_SLIP_MIN_MINUTES = 45;
/** The longest minimum a secretary may set (a four-hour meeting). */
export const MAX_SLIP_MIN_MINUTES = 240;

/** What is wrong with a typed minimum, or null: a whole number of minutes from 0 to the maximum. */
export function slipMinutesProblem(typed: string): "whole" | "range" | null {
  const value = typed.trim();
  if (!/^\d+$/.test(value)) return "whole";
  return Number(value) > MAX_SLIP_MIN_MINUTES ? "range" : null;
}
