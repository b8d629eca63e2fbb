/** Where a refused contribution batch goes on its form (plain, unit-tested). */

/** The field of the Nth amount line; what the API says about the items as a whole goes to the first. */
export const lineField = (n: number) => `items.${n}`;

/**
 * Where a refused batch goes: `json.date`, `json.meetingId`, `json.memo` beside their field,
 * `json.items.N.…` beside the Nth line (a line the form no longer has, or `items` itself, on the first).
 */
export function contributionPlacement(lineCount: number) {
  const lines = Array.from({ length: Math.max(lineCount, 1) }, (_, n) => lineField(n));
  return {
    fields: ["date", "meetingId", ...lines, "memo"],
    fieldOf: (path: string) => {
      if (path !== "items" && !path.startsWith("items.")) return undefined;
      const n = Number(/^items\.(\d+)/.exec(path)?.[1] ?? 0);
      return lineField(n < lines.length ? n : 0);
    },
    codeFields: { period_closed: "date", date_out_of_range: "date", invalid_date: "date" },
  };
}
