import type { AccountType } from "../db/schema-treasury";

export type ChartAccount = { code: string; name: string; type: AccountType };

/** The chart every group starts with (issue 6); groups add their own accounts after. */
export const DEFAULT_CHART: readonly ChartAccount[] = [
  { code: "1000", name: "Checking", type: "asset" },
  { code: "1100", name: "Cash on hand", type: "asset" },
  { code: "3000", name: "Prudent Reserve / Net assets", type: "equity" },
  { code: "4100", name: "Seventh Tradition", type: "income" },
  { code: "4200", name: "Service Contributions", type: "income" },
  { code: "5200", name: "Rent & Utilities", type: "expense" },
  { code: "5300", name: "Literature & Supplies", type: "expense" },
  { code: "5400", name: "Service Work Expenses", type: "expense" },
  { code: "5500", name: "Contributions to service bodies", type: "expense" },
];

/** Whether `code` belongs to the standard chart (every group has it; the workflows post to it). */
export function isStandardCode(code: string): boolean {
  return DEFAULT_CHART.some((a) => a.code === code);
}

/** Well-known codes the workflows post to. */
export const CODES = {
  checking: "1000",
  cash: "1100",
  netAssets: "3000",
  seventhTradition: "4100",
  serviceContributions: "4200",
  rent: "5200",
  literature: "5300",
  serviceWork: "5400",
  serviceBodies: "5500",
} as const;

/** The top-level name plain-text accounting tools expect for each account type. */
export const LEDGER_ROOT: Record<AccountType, string> = {
  asset: "Assets",
  liability: "Liabilities",
  equity: "Equity",
  income: "Income",
  expense: "Expenses",
};

/**
 * An hledger/ledger account name such as `Assets:Checking`. Colons would nest, two spaces would
 * end the name, `;` starts a comment and leading brackets mean virtual postings, so they go.
 */
export function ledgerAccountName(type: AccountType, name: string): string {
  const clean = name
    .replace(/[:;\t\r\n]/g, " ")
    .replace(/\s{2,}/g, " ")
    .replace(/^[([\s]+|[)\]\s]+$/g, "")
    .trim();
  return `${LEDGER_ROOT[type]}:${clean || "Unnamed"}`;
}
