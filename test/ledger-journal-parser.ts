/**
 * A small, strict reader of the plain-text accounting subset we export (hledger / ledger
 * journal syntax), written independently of the exporter so tests can check that the text
 * re-parses into the same balances. Throws on anything it does not understand.
 */
export type ParsedJournal = {
  transactions: {
    date: string;
    code?: string;
    description: string;
    postings: { account: string; cents: number; assert?: number }[];
  }[];
  balances: Map<string, number>;
  assertionsChecked: number;
};

const AMOUNT = /^(?:\$(-?\d+)\.(\d{2})|(-?\d+)\.(\d{2}) ([A-Z]{3}))$/;

function toCents(text: string): number {
  const m = AMOUNT.exec(text);
  if (!m) throw new Error(`bad amount: ${text}`);
  const whole = m[1] ?? m[3];
  const frac = m[2] ?? m[4];
  const negative = whole.startsWith("-");
  const cents = Math.abs(Number(whole)) * 100 + Number(frac);
  return negative ? -cents : cents;
}

export function parseLedgerJournal(text: string): ParsedJournal {
  const transactions: ParsedJournal["transactions"] = [];
  const declared = new Set<string>();
  let current: ParsedJournal["transactions"][number] | null = null;
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\s+$/, "");
    const where = `line ${i + 1}`;
    if (line === "" || line.startsWith(";")) {
      current = line === "" ? null : current;
      return;
    }
    if (line.startsWith("commodity ")) {
      if (!/^commodity (?:\$1000\.00|1000\.00 [A-Z]{3})$/.test(line))
        throw new Error(`${where}: bad commodity directive`);
      return;
    }
    if (line.startsWith("account ")) {
      declared.add(line.slice(8).split("  ")[0]);
      return;
    }
    // Like hledger: `(...)` right after the status is the transaction code, not the description.
    const header = /^(\d{4}-\d{2}-\d{2})(?: [*!])?(?: \(([^)]*)\))? (.+)$/.exec(line);
    if (header) {
      if (Number.isNaN(Date.parse(header[1]))) throw new Error(`${where}: bad date`);
      current = {
        date: header[1],
        ...(header[2] !== undefined ? { code: header[2] } : {}),
        description: header[3],
        postings: [],
      };
      transactions.push(current);
      return;
    }
    if (/^\s+;/.test(line)) return;
    const posting = /^\s{2,}(\S(?:.*?\S)?)\s{2,}(\S+(?: [A-Z]{3})?)(?: = (\S+(?: [A-Z]{3})?))?$/.exec(line);
    if (!posting || !current) throw new Error(`${where}: cannot parse "${line}"`);
    if (posting[1].includes("  ")) throw new Error(`${where}: account name has two spaces`);
    current.postings.push({
      account: posting[1],
      cents: toCents(posting[2]),
      ...(posting[3] ? { assert: toCents(posting[3]) } : {}),
    });
  });
  const balances = new Map<string, number>();
  let assertionsChecked = 0;
  // Like hledger: in date order, same-date transactions in file order.
  const ordered = transactions
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.date.localeCompare(b.t.date) || a.i - b.i)
    .map((x) => x.t);
  for (const t of ordered) {
    const assertionOnly = t.postings.length === 1 && t.postings[0].cents === 0 && t.postings[0].assert !== undefined;
    if (t.postings.length < 2 && !assertionOnly) throw new Error(`${t.date} ${t.description}: fewer than two postings`);
    const sum = t.postings.reduce((a, p) => a + p.cents, 0);
    if (sum !== 0) throw new Error(`${t.date} ${t.description}: unbalanced by ${sum}`);
    for (const p of t.postings) {
      if (declared.size && !declared.has(p.account)) throw new Error(`undeclared account ${p.account}`);
      balances.set(p.account, (balances.get(p.account) ?? 0) + p.cents);
      if (p.assert !== undefined) {
        if (balances.get(p.account) !== p.assert)
          throw new Error(
            `${t.date}: balance assertion failed for ${p.account}: ${balances.get(p.account)} ≠ ${p.assert}`,
          );
        assertionsChecked++;
      }
    }
  }
  return { transactions, balances, assertionsChecked };
}
