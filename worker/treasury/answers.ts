import { z } from "zod";
import { ACCOUNT_TYPES, ATTACHMENT_STATUSES, ENTRY_KINDS, EXPENSE_STATUSES } from "../db/schema-treasury";
import { planSchema, SERVICE_BODIES } from "./distribution";

/**
 * The JSON shapes the treasury routes answer with, for the OpenAPI document and the response
 * tests. Rows are strict: a column that starts to leave the server must be named here first.
 */

const cents = z.int();
const millis = z.number();
const date = z.iso.date();

/** An account of the chart; `standard`: part of the chart the workflows post to (never deleted). */
export const AccountJson = z.strictObject({
  id: z.string(),
  groupId: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  active: z.boolean(),
  standard: z.boolean(),
});
export const AccountListJson = z.strictObject({ accounts: z.array(AccountJson) });
export const AccountWrittenJson = z.strictObject({ account: AccountJson });
export const AccountDeletedJson = z.strictObject({ deleted: z.boolean(), deactivated: z.boolean() });

export const EntryLineJson = z.strictObject({
  lineNo: z.int(),
  accountId: z.string(),
  amountCents: cents,
  meetingId: z.string().nullable(),
  occurrenceId: z.string().nullable(),
});
/** A journal entry with its lines (debits positive, credits negative). */
export const EntryJson = z.strictObject({
  id: z.string(),
  date,
  memo: z.string(),
  kind: z.enum(ENTRY_KINDS),
  reversesEntryId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: millis,
  lines: z.array(EntryLineJson),
});
export type EntryJson = z.infer<typeof EntryJson>;
export const EntryListJson = z.strictObject({ entries: z.array(EntryJson) });
export const EntryOneJson = z.strictObject({ entry: EntryJson.extend({ reversedByEntryId: z.string().nullable() }) });
export const EntryPostedJson = z.strictObject({ entryId: z.string() });
/** A reversal; `reopenedExpenseId`: the expense whose payment it took back (payable again). */
export const EntryReversedJson = z.strictObject({
  entryId: z.string(),
  reversesEntryId: z.string(),
  reopenedExpenseId: z.string().nullable(),
});

export const ContributionRecordedJson = z.strictObject({ batchId: z.string(), entryId: z.string(), totalCents: cents });
export const ContributionBatchJson = z.strictObject({
  id: z.string(),
  groupId: z.string(),
  entryId: z.string(),
  date,
  meetingId: z.string().nullable(),
  occurrenceId: z.string().nullable(),
  totalCents: cents,
  cashCents: cents,
  onlineCents: cents,
  itemCount: z.int(),
  createdBy: z.string().nullable(),
  createdAt: millis,
});
export const ContributionListJson = z.strictObject({ batches: z.array(ContributionBatchJson) });

/** An expense claim as stored. */
export const ExpenseJson = z.strictObject({
  id: z.string(),
  groupId: z.string(),
  claimantId: z.string().nullable(),
  payee: z.string(),
  amountCents: cents,
  accountId: z.string(),
  description: z.string(),
  attachmentId: z.string().nullable(),
  noReceiptReason: z.string().nullable(),
  status: z.enum(EXPENSE_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: millis.nullable(),
  decisionNote: z.string().nullable(),
  paidBy: z.string().nullable(),
  paidAt: millis.nullable(),
  paidEntryId: z.string().nullable(),
  createdAt: millis,
  updatedAt: millis,
});
export const ExpenseListJson = z.strictObject({ expenses: z.array(ExpenseJson) });
export const ExpenseOneJson = z.strictObject({ expense: ExpenseJson });
/** A new claim: the fields written on claiming (no decision or payment yet). */
export const ExpenseClaimedJson = z.strictObject({
  expense: ExpenseJson.pick({
    id: true,
    groupId: true,
    claimantId: true,
    payee: true,
    amountCents: true,
    accountId: true,
    description: true,
    attachmentId: true,
    noReceiptReason: true,
    updatedAt: true,
  }).extend({
    status: z.literal("claimed"),
  }),
});
/** What a service member may claim against: the active expense accounts, by code (no balances). */
export const ExpenseCategoriesJson = z.strictObject({
  categories: z.array(z.strictObject({ id: z.string(), code: z.string(), name: z.string() })),
});
export const ExpensePaidJson = z.strictObject({
  expenseId: z.string(),
  entryId: z.string(),
  status: z.literal("paid"),
});

export const FiscalYearJson = z.strictObject({
  id: z.string(),
  groupId: z.string(),
  label: z.string(),
  startsOn: date,
  endsOn: date,
  closedAt: millis.nullable(),
  closedBy: z.string().nullable(),
  createdAt: millis,
});
export const FiscalYearListJson = z.strictObject({ currentId: z.string(), fiscalYears: z.array(FiscalYearJson) });
export const FiscalYearOpenedJson = z.strictObject({ fiscalYear: FiscalYearJson });
export const FiscalYearClosedJson = z.strictObject({ fiscalYear: FiscalYearJson, closingFundsCents: cents });
export const BudgetLinesJson = z.strictObject({
  fiscalYearId: z.string(),
  lines: z.array(z.strictObject({ accountId: z.string(), amountCents: cents })),
});
export const BudgetVsActualJson = z.strictObject({
  fiscalYear: FiscalYearJson,
  rows: z.array(
    z.strictObject({
      fiscalYearId: z.string(),
      groupId: z.string(),
      accountId: z.string(),
      code: z.string(),
      name: z.string(),
      type: z.enum(ACCOUNT_TYPES),
      budgetCents: cents,
      actualCents: cents,
      varianceCents: cents,
      pctUsed: z.number().nullable(),
    }),
  ),
});
export const BalancesJson = z.strictObject({
  asOf: date.nullable(),
  balances: z.array(
    z.strictObject({
      groupId: z.string(),
      accountId: z.string(),
      code: z.string(),
      name: z.string(),
      type: z.enum(ACCOUNT_TYPES),
      active: z.boolean(),
      balanceCents: cents,
    }),
  ),
  trialBalanceCents: cents,
});

/** The group conscience plan, as recorded. */
export const PlanJson = z.strictObject({ plan: planSchema });
export const PlanOrNoneJson = z.strictObject({ plan: planSchema.nullable() });
/** Payouts from the balance above the prudent reserve, split by the plan. */
export const DistributionProposalJson = z.strictObject({
  plan: planSchema,
  averageMonthlyExpensesCents: cents,
  monthsAveraged: z.int(),
  availableCents: cents,
  reserveTargetCents: cents,
  belowReserve: z.boolean(),
  distributableCents: cents,
  payouts: z.array(
    z.strictObject({ body: z.enum(SERVICE_BODIES), name: z.string(), percent: z.int(), amountCents: cents }),
  ),
  warning: z.string().nullable(),
});

const reconciliation = {
  accountId: z.string(),
  date,
  bookBalanceCents: cents,
  statementBalanceCents: cents,
  differenceCents: cents,
  agrees: z.boolean(),
};
/** A recorded bank statement against the books (difference = statement − books). */
export const StatementRecordedJson = z.strictObject({ statementId: z.string(), ...reconciliation });
export const StatementListJson = z.strictObject({
  statements: z.array(z.strictObject({ statementId: z.string(), note: z.string().nullable(), ...reconciliation })),
});

/** A receipt as members see it: no storage key, no uploader. */
export const AttachmentJson = z.strictObject({
  id: z.string(),
  groupId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.int(),
  sha256: z.string(),
  status: z.enum(ATTACHMENT_STATUSES),
  createdAt: millis,
  confirmedAt: millis.nullable(),
});
export const AttachmentConfirmedJson = z.strictObject({ attachment: AttachmentJson });
/** Where to PUT the bytes: a presigned R2 URL (`s3`) or the Worker's upload route (`worker`). */
export const UploadTargetJson = z.strictObject({
  id: z.string(),
  upload: z.strictObject({
    method: z.literal("PUT"),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    via: z.enum(["s3", "worker"]),
    expiresIn: z.int(),
  }),
});
export const DownloadLinkJson = z.strictObject({
  url: z.string(),
  header: z.string(),
  token: z.string(),
  expiresAt: millis,
  ttlSeconds: z.int(),
});
