import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { auditText } from "../../i18n/dashboard-audit";
import { type AuditFormat, type AuditRowIn, auditCsv, auditLines, sentenceOf } from "./audit-rows";

const format = (locale: "en" | "es"): AuditFormat => {
  return {
    t: auditText.in(locale),
    money: (cents) => `$${(cents / 100).toFixed(2)}`,
    instant: (at) => new Date(at).toISOString(),
    day: (d) => d,
    myUserId: "usr_me",
  };
};
const row = (over: Partial<AuditRowIn>): AuditRowIn => ({
  id: "aud_1",
  at: Date.UTC(2026, 10, 30, 15),
  actorId: "usr_t",
  actorRole: "treasurer",
  action: "expense.pay",
  amountCents: 4217,
  payee: "Print shop",
  before: null,
  after: null,
  ...over,
});

describe("audit rows as sentences", () => {
  it("names the officer by role and says the amount, never the id", () => {
    const en = format("en");
    const sentence = sentenceOf(row({ after: { status: "paid", reference: "Cheque 0042" } }), en);
    expect(sentence).toBe("The treasurer paid Print shop $42.17 (reference Cheque 0042).");
    expect(sentence).not.toContain("usr_t");
    expect(sentenceOf(row({ action: "expense.claim", actorRole: "secretary", actorId: "usr_me" }), en)).toBe(
      "The secretary (you) claimed $42.17 for Print shop.",
    );
    expect(
      sentenceOf(
        row({ action: "contribution.record", actorId: null, actorRole: null, amountCents: 1550, payee: null }),
        en,
      ),
    ).toBe("The system recorded a Seventh Tradition collection of $15.50.");
    expect(sentenceOf(row({ action: "expense.approve", actorRole: null }), en)).toBe(
      "A former service member approved the claim for Print shop, $42.17.",
    );
    expect(sentenceOf(row({ action: "expense.pay", actorRole: "treasurer" }), format("es"))).toBe(
      "Tesorería pagó a Print shop $42.17.",
    );
  });
  it("reads role grants and ends without naming the person", () => {
    const en = format("en");
    expect(
      sentenceOf(
        row({
          action: "role.grant",
          actorRole: "admin",
          amountCents: null,
          payee: null,
          after: { userId: "usr_x", role: "treasurer", startsOn: "2026-12-01", endsOn: null },
        }),
        en,
      ),
    ).toBe("An admin made someone treasurer, starting 2026-12-01.");
    expect(
      sentenceOf(
        row({
          action: "role.end",
          actorRole: "admin",
          amountCents: null,
          payee: null,
          after: { userId: "usr_x", role: "admin", startsOn: "2026-01-01", endsOn: "2026-12-31" },
        }),
        format("es"),
      ),
    ).toBe("Administración terminó el servicio de alguien como administrador/a después del 2026-12-31.");
  });
  it("reads account changes and still writes a sentence for an action it does not know", () => {
    const en = format("en");
    expect(
      sentenceOf(
        row({
          action: "account.update",
          amountCents: null,
          before: { name: "Rent", active: true },
          after: { name: "Rent", active: false },
        }),
        en,
      ),
    ).toBe("The treasurer deactivated the account Rent.");
    expect(
      sentenceOf(
        row({
          action: "account.create",
          amountCents: null,
          after: { code: "5600", name: "Hall deposit", type: "expense" },
        }),
        en,
      ),
    ).toBe("The treasurer added the account 5600 Hall deposit.");
    expect(sentenceOf(row({ action: "stripe.connect", amountCents: null, payee: null }), en)).toBe(
      "The treasurer connected Stripe for online contributions.",
    );
    expect(sentenceOf(row({ action: "ledger.teleport", amountCents: null }), en)).toBe(
      "The treasurer changed the books (ledger.teleport).",
    );
  });
  it("exports the lines the page shows as CSV a spreadsheet reads back, formulas defused", () => {
    const en = format("en");
    const lines = auditLines(
      [
        row({ payee: '=HYPERLINK("http://x"), "Bob"' }),
        row({
          id: "aud_2",
          action: "entry.post",
          amountCents: 100,
          payee: null,
          after: { memo: "Line one\nline two" },
        }),
      ],
      en,
    );
    const parsed = Papa.parse<string[]>(auditCsv(lines, en)).data;
    expect(parsed[0]).toEqual(["When", "Who", "What happened", "Amount"]);
    expect(parsed[1]).toEqual([
      lines[0]?.when,
      "The treasurer",
      `The treasurer paid =HYPERLINK("http://x"), "Bob" $42.17.`,
      "$42.17",
    ]);
    expect(parsed[2]?.[2]).toBe("The treasurer posted a journal entry of $1.00: Line one\nline two.");
    const formula = auditCsv(
      auditLines([row({ action: "ledger.x", actorId: null, actorRole: null, amountCents: null })], {
        ...en,
        t: () => "=1+1",
      }),
      en,
    );
    expect(Papa.parse<string[]>(formula).data[1]?.[2]).toBe("'=1+1");
  });
});
