import { execFileSync } from "node:child_process";
import { Validator } from "@seriousme/openapi-schema-validator";
import Papa from "papaparse";
import { describe, expect, inject, it } from "vitest";
import { ledgerAccountNames } from "../worker/treasury/chart";
import { accessToken as signIn } from "./attendee-support";

const base = () => inject("baseUrl");

describe("the running app (wrangler dev, as after npm start)", () => {
  it("serves the web shell, liveness, readiness with every dependency ok, and the docs", async () => {
    const home = await fetch(`${base()}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('rel="alternate" type="application/json" title="Meetings Feed"');
    expect((await fetch(`${base()}/api/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${base()}/api/readyz`)).json()) as {
      ok: boolean;
      checks: Record<string, { ok: boolean }>;
    };
    expect(ready).toMatchObject({ ok: true, checks: { d1: { ok: true }, r2: { ok: true }, rooms: { ok: true } } });
    const docs = await fetch(`${base()}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("Meetinghouse API");
  });

  it("publishes a valid OpenAPI 3.1 document", async () => {
    const spec = (await (await fetch(`${base()}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toBe("3.1.0");
    const result = await new Validator().validate(spec as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? [], JSON.stringify(result.errors)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(spec.paths).length).toBeGreaterThan(20);
  });

  it("exports the treasurer's journal in a form hledger reads, with the same balances", async () => {
    const token = await signIn("treasurer@meetinghouse.test");
    const auth = { Authorization: `Bearer ${token}` };
    const group = "grp_demo_chicago";
    const ledger = await fetch(`${base()}/api/groups/${group}/treasury/journal.ledger`, { headers: auth });
    expect(ledger.status).toBe(200);
    const text = await ledger.text();
    expect(text.length).toBeGreaterThan(200);
    // hledger parses the journal strictly (balanced transactions, valid dates) or exits non-zero.
    const out = execFileSync("hledger", ["-f", "-", "balance", "--flat", "--no-total", "-O", "csv"], {
      input: text,
      encoding: "utf8",
    });
    const hledgerBalances = new Map<string, number>();
    for (const line of out.trim().split("\n").slice(1)) {
      const [account, amount] = line.split(",").map((s) => s.replace(/^"|"$/g, ""));
      if (account && amount) hledgerBalances.set(account, Math.round(Number(amount.replace(/[^0-9.-]/g, "")) * 100));
    }
    expect(hledgerBalances.size).toBeGreaterThan(3);
    const sum = [...hledgerBalances.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBe(0); // double entry: the whole journal balances
    // The same balances as ours (v_account_balance), account by account.
    const ours = (await (await fetch(`${base()}/api/groups/${group}/treasury/balances`, { headers: auth })).json()) as {
      balances: { balanceCents: number }[];
    };
    const nonZero = (values: number[]) => values.filter((v) => v !== 0).sort((a, b) => a - b);
    expect(nonZero([...hledgerBalances.values()])).toEqual(nonZero(ours.balances.map((b) => b.balanceCents)));
  });

  it("exports hostile account names and memos that hledger check --strict reads back account by account (issue 14)", async () => {
    const token = await signIn("treasurer@meetinghouse.test");
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const T = `${base()}/api/groups/grp_demo_chicago/treasury`;
    const created: string[] = [];
    for (const [code, name] of [
      ["5210", "Rent: Hall"],
      ["5220", "Rent Hall"],
      ["5230", "  (Rent)  [Hall] ; @ = * !\tüñí  "],
    ]) {
      const res = await fetch(`${T}/accounts`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ code, name, type: "expense" }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      created.push(((await res.json()) as { account: { id: string } }).account.id);
    }
    const accounts = (await (await fetch(`${T}/accounts`, { headers: auth })).json()) as {
      accounts: { id: string; code: string; name: string; type: "expense" }[];
    };
    const checking = accounts.accounts.find((a) => a.code === "1000")!.id;
    const post = (memo: string, accountId: string, cents: number) =>
      fetch(`${T}/journal/entries`, {
        method: "POST",
        headers: { ...auth, "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify({
          date: "2026-11-02",
          memo,
          lines: [
            { accountId, amountCents: cents },
            { accountId: checking, amountCents: -cents },
          ],
        }),
      });
    // The case: $30 on "Rent: Hall", $10 + $20 on "Rent Hall", and a memo starting "(...)".
    for (const [memo, accountId, cents] of [
      ["(November) hall rent", created[0], 3000],
      ["Deposit; key", created[1], 1000],
      ["(2) key", created[1], 2000],
      ["[x]", created[2], 700],
    ] as const) {
      expect((await post(memo, accountId, cents)).status).toBe(201);
    }
    const text = await (await fetch(`${T}/journal.ledger`, { headers: auth })).text();
    execFileSync("hledger", ["-f", "-", "check", "--strict"], { input: text, encoding: "utf8" });
    const rows = Papa.parse<{ account: string; balance: string }>(
      execFileSync("hledger", ["-f", "-", "balance", "--flat", "--empty", "--no-total", "-O", "csv"], {
        input: text,
        encoding: "utf8",
      }).trim(),
      { header: true },
    ).data;
    const hledgerBalances = new Map(
      rows.map((r) => [r.account, Math.round(Number(r.balance.replace(/[^0-9.-]/g, "")) * 100)]),
    );
    const names = ledgerAccountNames(accounts.accounts);
    const ours = (await (await fetch(`${T}/balances`, { headers: auth })).json()) as {
      balances: { accountId: string; balanceCents: number }[];
    };
    for (const b of ours.balances.filter((x) => x.balanceCents !== 0))
      expect(hledgerBalances.get(names.get(b.accountId)!), names.get(b.accountId)).toBe(b.balanceCents);
    expect(hledgerBalances.get("Expenses:Rent Hall (5210)")).toBe(3000);
    expect(hledgerBalances.get("Expenses:Rent Hall (5220)")).toBe(3000);
    const printed = Papa.parse<{ description: string }>(
      execFileSync("hledger", ["-f", "-", "print", "-O", "csv"], { input: text, encoding: "utf8" }).trim(),
      { header: true },
    ).data;
    expect(printed.map((r) => r.description)).toContain("(November) hall rent");
  });
});
