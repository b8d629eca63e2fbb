import { z } from "zod";

/** The largest amount a single line may carry: one hundred billion cents ($1 billion). */
export const MAX_CENTS = 100_000_000_000;

const numberOfCents = () =>
  z
    .number({
      error: (issue) =>
        issue.input === undefined ? "Required" : "Must be a number of cents (an integer), not a string",
    })
    .int({ error: "Must be a whole number of cents (no fractions)" });
const tooLarge = { error: `Must be at most ${MAX_CENTS} cents in absolute value` };

/**
 * An amount in integer cents. Refuses floats (`10.005`), strings (`"10"`), NaN/Infinity and
 * anything beyond ±MAX_CENTS (`1e20`), so rounding never happens anywhere in the books.
 */
export const centsSchema = numberOfCents().min(-MAX_CENTS, tooLarge).max(MAX_CENTS, tooLarge);

/** A positive amount in cents (contributions, expenses). */
export const positiveCentsSchema = numberOfCents()
  .min(1, { error: "Must be greater than zero" })
  .max(MAX_CENTS, tooLarge);

/** A non-negative amount in cents (budgets, reserves). */
export const nonNegativeCentsSchema = numberOfCents()
  .min(0, { error: "Must not be negative" })
  .max(MAX_CENTS, tooLarge);

/** Formats cents as a fixed two-decimal number string without grouping: -1234 → "-12.34". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Formats cents for people: 123456 with "USD" → "$1,234.56"; other codes use Intl. */
export function formatMoney(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

/** A calendar date, YYYY-MM-DD, that really exists (no 2026-02-30). */
export const isoDateSchema = z.string().refine(isRealDate, { error: "Must be a date YYYY-MM-DD" });

/** True for a real calendar date in YYYY-MM-DD form. */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
