/**
 * The audit log as a group reads it (plain, unit-tested): each API row becomes a sentence naming the
 * officer by role ("The treasurer paid Print shop $42.17."), never by a name, an email or an id.
 * The page and its CSV export both use these rows, so the download says what the screen says.
 */
import Papa from "papaparse";
import type { AuditKey } from "../../i18n/dashboard-audit";

export { AUDIT_KINDS, type AuditKind } from "#shared/treasury-rules";

/** The fields of an audit row the sentences read (the API's row has more). */
export type AuditRowIn = {
  id: string;
  at: number;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  amountCents: number | null;
  payee: string | null;
  before: unknown;
  after: unknown;
};
export type AuditLine = { id: string; when: string; who: string; what: string; amount: string };

type Vars = Record<string, string | number>;
export type AuditFormat = {
  t: (key: AuditKey, vars?: Vars) => string;
  money: (cents: number) => string;
  instant: (at: number) => string;
  day: (isoDate: string) => string;
  myUserId: string;
};

const ROLES = ["treasurer", "admin", "secretary", "host"] as const;
const isRole = (r: unknown): r is (typeof ROLES)[number] =>
  typeof r === "string" && (ROLES as readonly string[]).includes(r);
const field = (v: unknown, key: string): unknown =>
  v && typeof v === "object" && key in v ? (v as Record<string, unknown>)[key] : undefined;
const text = (v: unknown): string => (typeof v === "string" ? v : "");

/** Who acted, by their role that day: "The treasurer", "An admin (you)", "The system". */
export function actorOf(
  row: Pick<AuditRowIn, "actorId" | "actorRole">,
  f: Pick<AuditFormat, "t" | "myUserId">,
): string {
  if (row.actorId === null) return f.t("audit.actor.system");
  const who = isRole(row.actorRole) ? f.t(`audit.actor.${row.actorRole}`) : f.t("audit.actor.member");
  return row.actorId === f.myUserId ? f.t("audit.actor.you", { who }) : who;
}

/** What happened, as one sentence in the reader's language. Unknown actions still read as a sentence. */
export function sentenceOf(row: AuditRowIn, f: AuditFormat): string {
  const who = actorOf(row, f);
  const amount = row.amountCents === null ? "" : f.money(row.amountCents);
  const payee = row.payee ?? "";
  const after = row.after;
  const account = [text(field(after, "code")), text(field(after, "name"))].filter(Boolean).join(" ");
  const role = field(after, "role");
  const roleName = isRole(role) ? f.t(`audit.role.${role}`) : text(role);
  const dayOf = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? f.day(v) : "");
  switch (row.action) {
    case "expense.claim":
    case "expense.approve":
    case "expense.reject":
    case "expense.unpay":
    case "contribution.record":
    case "entry.reverse":
    case "budget.set":
    case "fiscal_year.close":
    case "plan.set":
    case "reconciliation.record":
    case "attachment.sign":
    case "attachment.confirm":
    case "stripe.connect":
      return f.t(`audit.do.${row.action}`, {
        who,
        amount: row.action === "fiscal_year.close" ? f.money(Number(field(after, "closingFundsCents") ?? 0)) : amount,
        payee,
      });
    case "expense.pay": {
      const reference = text(field(after, "reference"));
      return reference
        ? f.t("audit.do.expense.payRef", { who, amount, payee, reference })
        : f.t("audit.do.expense.pay", { who, amount, payee });
    }
    case "entry.post":
      return f.t("audit.do.entry.post", { who, amount, memo: text(field(after, "memo")) });
    case "account.create":
      return f.t("audit.do.account.create", { who, account });
    case "account.update":
      return f.t(
        field(after, "active") === false && field(row.before, "active") !== false
          ? "audit.do.account.deactivate"
          : "audit.do.account.update",
        { who, account },
      );
    case "role.grant":
      return f.t("audit.do.role.grant", { who, role: roleName, date: dayOf(field(after, "startsOn")) });
    case "role.end":
      return f.t("audit.do.role.end", { who, role: roleName, date: dayOf(field(after, "endsOn")) });
    default:
      return f.t("audit.do.other", { who, action: row.action });
  }
}

/** The rows the page shows and the CSV holds: when, who, what, amount. */
export function auditLines(rows: readonly AuditRowIn[], f: AuditFormat): AuditLine[] {
  return rows.map((row) => ({
    id: row.id,
    when: f.instant(row.at),
    who: actorOf(row, f),
    what: sentenceOf(row, f),
    amount: row.amountCents === null ? "" : f.money(row.amountCents),
  }));
}

/** The same lines as CSV, headed in the reader's language (papaparse quotes commas, quotes and newlines, and defuses formulas). */
export function auditCsv(lines: readonly AuditLine[], f: Pick<AuditFormat, "t">): string {
  // escapeFormulae: a payee or memo such as "=HYPERLINK(…)" stays text when the file is opened in a spreadsheet.
  return Papa.unparse(
    {
      fields: [f.t("audit.when"), f.t("audit.who"), f.t("audit.what"), f.t("audit.amount")],
      data: lines.map((l) => [l.when, l.who, l.what, l.amount]),
    },
    { escapeFormulae: true },
  );
}
