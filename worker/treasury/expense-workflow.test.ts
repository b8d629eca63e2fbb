import { describe, expect, it } from "vitest";
import type { ExpenseStatus } from "../db/schema-treasury";
import { type ExpenseAction, transition } from "./expense-workflow";

const claim = (status: ExpenseStatus) => ({ status, claimantId: "claimant" });

describe("expense transitions", () => {
  it("follows claimed → approved → paid", () => {
    expect(transition(claim("claimed"), "approve", "treasurer")).toEqual({ ok: true, to: "approved" });
    expect(transition(claim("approved"), "pay", "treasurer", { hasReceipt: true })).toEqual({ ok: true, to: "paid" });
    expect(transition(claim("claimed"), "reject", "treasurer")).toEqual({ ok: true, to: "rejected" });
  });
  it("answers 409 for every illegal transition", () => {
    const legal = new Set(["claimed:approve", "claimed:reject", "approved:pay"]);
    for (const status of ["claimed", "approved", "rejected", "paid"] as const) {
      for (const action of ["approve", "reject", "pay"] as ExpenseAction[]) {
        const r = transition(claim(status), action, "treasurer", { hasReceipt: true });
        expect(r.ok, `${status}:${action}`).toBe(legal.has(`${status}:${action}`));
        if (!r.ok) expect(r.status).toBe(409);
      }
    }
  });
  it("refuses the claimant deciding their own claim", () => {
    for (const action of ["approve", "reject"] as const) {
      expect(transition(claim("claimed"), action, "claimant")).toMatchObject({ ok: false, status: 403, code: "separation_of_duties" });
    }
  });
  it("refuses paying without a receipt or reason", () => {
    expect(transition(claim("approved"), "pay", "treasurer")).toMatchObject({ ok: false, status: 422, code: "receipt_required" });
  });
});
