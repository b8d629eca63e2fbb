/**
 * The group conscience plan: a prudent reserve (months of average expenses, or a fixed amount)
 * and a percentage split of what is above it among the service bodies.
 */
import { z } from "zod";
import { nonNegativeCentsSchema } from "./money";

export const SERVICE_BODIES = ["district", "area", "intergroup", "gso"] as const;
export type ServiceBody = (typeof SERVICE_BODIES)[number];

export const SERVICE_BODY_NAMES: Record<ServiceBody, string> = {
  district: "District",
  area: "Area",
  intergroup: "Intergroup / Central office",
  gso: "General Service Office",
};

const pct = z.int().min(0).max(100);

/** The plan as the API accepts it. */
export const planSchema = z
  .object({
    reserve: z.discriminatedUnion("mode", [
      z.object({ mode: z.literal("months"), months: z.int().min(0).max(24) }),
      z.object({ mode: z.literal("amount"), amountCents: nonNegativeCentsSchema }),
    ]),
    split: z.object({ district: pct, area: pct, intergroup: pct, gso: pct }),
    adoptedOn: z.iso.date().optional(),
  })
  .refine((p) => p.split.district + p.split.area + p.split.intergroup + p.split.gso === 100, {
    error: "Percentages must sum to 100",
    path: ["split"],
  });
export type Plan = z.infer<typeof planSchema>;

/** The reserve the plan asks for, given the average monthly expenses. */
export function reserveTargetCents(plan: Plan, averageMonthlyExpensesCents: number): number {
  return plan.reserve.mode === "amount" ? plan.reserve.amountCents : plan.reserve.months * averageMonthlyExpensesCents;
}

export type Payout = { body: ServiceBody; name: string; percent: number; amountCents: number };
export type DistributionProposal = {
  availableCents: number;
  reserveTargetCents: number;
  belowReserve: boolean;
  distributableCents: number;
  payouts: Payout[];
};

/**
 * Proposes payouts from the balance above the reserve, split by the plan's percentages. Cents
 * are apportioned by largest remainder, so the payouts always add up to the distributable amount.
 */
export function proposeDistribution(
  plan: Plan,
  availableCents: number,
  averageMonthlyExpensesCents: number,
): DistributionProposal {
  const target = reserveTargetCents(plan, averageMonthlyExpensesCents);
  const distributable = Math.max(0, availableCents - target);
  const raw = SERVICE_BODIES.map((body) => ({
    body,
    percent: plan.split[body],
    exact: (distributable * plan.split[body]) / 100,
  }));
  const floors = raw.map((r) => Math.floor(r.exact));
  let left = distributable - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, rem: r.exact - floors[i] })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (raw[i].percent === 0) continue;
    floors[i] += 1;
    left -= 1;
  }
  return {
    availableCents,
    reserveTargetCents: target,
    belowReserve: availableCents < target,
    distributableCents: distributable,
    payouts: raw.map((r, i) => ({
      body: r.body,
      name: SERVICE_BODY_NAMES[r.body],
      percent: r.percent,
      amountCents: floors[i],
    })),
  };
}

/** A bank statement against the books: a balance assertion and the difference (statement − books). */
export function reconcile(bookBalanceCents: number, statementBalanceCents: number) {
  const differenceCents = statementBalanceCents - bookBalanceCents;
  return { bookBalanceCents, statementBalanceCents, differenceCents, agrees: differenceCents === 0 };
}
