import { describe, expect, it } from "vitest";
import type { ExpenseStatus } from "../db/schema-treasury";
import { type ExpenseAction, paymentSource, transition, unpaidFields } from "./expense-workflow";

const claim = (status: ExpenseStatus) => ({ status, claimantId: "claimant" });

describe("expense transitions", () => {
  it("follows claimed → approved → paid", () => {
    expect(transition(claim("claimed"), "approve", "treasurer")).toEqual({ ok: true, to: "approved" });
    expect(transition(claim("approved"), "pay", "treasurer", { hasReceipt: true })).toEqual({ ok: true, to: "paid" });
    expect(transition(claim("claimed"), "reject", "treasurer")).toEqual({ ok: true, to: "rejected" });
  });
  it("goes paid → approved when the payment is reversed, by anyone who may reverse it (the claimant too)", () => {
    expect(transition(claim("paid"), "unpay", "treasurer")).toEqual({ ok: true, to: "approved" });
    expect(transition(claim("paid"), "unpay", "claimant")).toEqual({ ok: true, to: "approved" });
  });
  it("answers 409 for every illegal transition", () => {
    const legal = new Set(["claimed:approve", "claimed:reject", "approved:pay", "paid:unpay"]);
    for (const status of ["claimed", "approved", "rejected", "paid"] as const) {
      for (const action of ["approve", "reject", "pay", "unpay"] as ExpenseAction[]) {
        const r = transition(claim(status), action, "treasurer", { hasReceipt: true });
        expect(r.ok, `${status}:${action}`).toBe(legal.has(`${status}:${action}`));
        if (!r.ok) expect(r.status).toBe(409);
      }
    }
  });
  it("refuses the claimant deciding their own claim", () => {
    for (const action of ["approve", "reject"] as const) {
      expect(transition(claim("claimed"), action, "claimant")).toMatchObject({
        ok: false,
        status: 403,
        code: "separation_of_duties",
      });
    }
  });
  it("refuses the claimant paying their own approved claim, receipt or not", () => {
    expect(transition(claim("approved"), "pay", "claimant", { hasReceipt: true })).toMatchObject({
      ok: false,
      status: 403,
      code: "separation_of_duties",
    });
  });
  it("refuses paying without a receipt or reason", () => {
    expect(transition(claim("approved"), "pay", "treasurer")).toMatchObject({
      ok: false,
      status: 422,
      code: "receipt_required",
    });
  });
});

describe("reversed payments", () => {
  it("clears every payment field and leaves the expense approved", () => {
    expect(unpaidFields(1234)).toEqual({
      status: "approved",
      paidBy: null,
      paidAt: null,
      paidEntryId: null,
      updatedAt: 1234,
    });
  });
  it("gives each payment of one expense its own source, the first one unchanged", () => {
    expect(paymentSource("exp_a", 0)).toBe("expense:exp_a");
    expect(paymentSource("exp_a", 1)).toBe("expense:exp_a:2");
    expect(paymentSource("exp_a", 2)).toBe("expense:exp_a:3");
    const sources = [0, 1, 2, 3].map((n) => paymentSource("exp_a", n));
    expect(new Set(sources).size).toBe(4);
    // Later sources sort inside the range the pay route counts: (first + ":", first + ";").
    for (const s of sources.slice(1)) expect(s > "expense:exp_a:" && s < "expense:exp_a;").toBe(true);
    expect(paymentSource("exp_ab", 1) > "expense:exp_a:" && paymentSource("exp_ab", 1) < "expense:exp_a;").toBe(false);
  });
});
