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
 * An hledger/ledger account name such as `Assets:Checking`. A colon would nest, `;` starts a
 * comment in ledger, and any run of whitespace (two spaces, a tab, a no-break space) would end
 * the name, so those become single spaces. The type's root comes first, so a name can never start
 * a posting with `(` or `[` (virtual postings) or a status mark.
 */
export function ledgerAccountName(type: AccountType, name: string): string {
  const clean = name
    // A lone UTF-16 surrogate is written as U+FFFD; replace it first so two of them cannot merge unseen.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/[\p{Cc}:;]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return `${LEDGER_ROOT[type]}:${clean || "Unnamed"}`;
}

type NamedAccount = { id: string; code: string; name: string; type: AccountType };

/**
 * Every account's hledger name, each one unique. Names that clean to the same text ("Rent: Hall"
 * and "Rent Hall") would silently merge into one account, so every account in such a clash gets
 * its code appended ("Expenses:Rent Hall (5210)"), repeated until no two names are equal. The
 * result depends only on the chart, never on the accounts' order.
 */
export function ledgerAccountNames(accounts: Iterable<NamedAccount>): Map<string, string> {
  const list = [...accounts];
  const codeCount = new Map<string, number>();
  for (const a of list) codeCount.set(a.code, (codeCount.get(a.code) ?? 0) + 1);
  // Codes are unique in a group; should two ever repeat, the id keeps the suffixes apart.
  const tagOf = (a: NamedAccount) => (codeCount.get(a.code) === 1 ? a.code : `${a.code} ${a.id}`);
  const names = new Map(list.map((a) => [a.id, ledgerAccountName(a.type, a.name)]));
  for (;;) {
    const holders = new Map<string, NamedAccount[]>();
    for (const a of list) holders.set(names.get(a.id)!, [...(holders.get(names.get(a.id)!) ?? []), a]);
    const clashes = [...holders.values()].filter((group) => group.length > 1);
    if (!clashes.length) return names;
    for (const group of clashes) for (const a of group) names.set(a.id, `${names.get(a.id)} (${tagOf(a)})`);
  }
}
