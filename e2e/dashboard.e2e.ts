import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedInstant } from "../web/src/dashboard/meetings/schedule";
import { launchBrowser, newContext, screenshot } from "./browser";
import {
  agentFor,
  apiFromPage,
  apiPostFromPage,
  base,
  DESKTOP,
  dateIn,
  expectNoAxeViolations,
  personPage,
  RECEIPT_PNG,
  RUN,
  T,
} from "./dashboard-helpers";

const DOCS = resolve(import.meta.dirname, "..", "docs", "screenshots");

let browser: Browser;
/** Journey 1's meeting (it starts within the hour), opened as host in journey 3. */
let createdMeeting = { name: "", occurrenceId: "" };
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("service dashboard journeys", () => {
  it("1. a secretary creates a meeting that the directory shows at the right time in another zone", async () => {
    const { context, page } = await personPage(browser, "secretary", { timezoneId: "America/Chicago" });
    await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Meetings" }).click();
    await page.getByRole("heading", { name: "Meetings", exact: true }).waitFor();
    await page.getByRole("link", { name: "New meeting" }).click();
    await page.getByRole("heading", { name: "New meeting" }).waitFor();

    // It starts in about half an hour (Chicago time), so the room can be opened right away.
    const name = `Dawn Patrol ${RUN}`;
    const soon = Math.ceil((Date.now() + 30 * 60_000) / 300_000) * 300_000;
    const slot = new Intl.DateTimeFormat("en-CA", {
      timeZone: "America/Chicago",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(soon);
    const part = (type: string) => slot.find((p) => p.type === type)?.value ?? "";
    const day = `${part("year")}-${part("month")}-${part("day")}`;
    const startTime = `${part("hour")}:${part("minute")}`;
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Monday" }).click(); // the default day, off
    const dayName = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][weekday] ?? "Monday";
    await page.getByRole("button", { name: dayName }).click();
    expect(await page.getByRole("button", { name: dayName }).getAttribute("aria-pressed")).toBe("true");
    await page.getByLabel("Start time (local)").fill(startTime);
    await page.getByLabel("Length in minutes").fill("60");
    await page.getByLabel("Time zone").selectOption("America/Chicago");
    await page.getByLabel("Big Book").check();
    await page.getByLabel("Passcode (optional, 6–64 characters)").fill("serenity-now");
    // Who may speak: explained beside each choice; raise hand for this meeting.
    await page.getByText("People raise a hand; a host gives one person the floor", { exact: false }).waitFor();
    await page.getByRole("radio", { name: "Raise hand" }).check();
    await screenshot(page, "dashboard-1-secretary", "meeting-form");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Meeting created.").waitFor();
    await page.getByRole("link", { name }).click();
    await page.getByRole("heading", { name: `Edit ${name}` }).waitFor();
    await page.getByRole("heading", { name: "Upcoming" }).waitFor();
    expect(await page.getByRole("radio", { name: "Raise hand" }).isChecked(), "the floor mode saved").toBe(true);
    await page.getByRole("button", { name: "Start the meeting" }).first().waitFor(); // within the hour before it
    await screenshot(page, "dashboard-1-secretary", "meeting-edit");

    // A viewer in Kolkata: the directory lists it at its Chicago time, shown in their own zone.
    const viewer = await newContext(browser, base(), { timezoneId: "Asia/Kolkata", locale: "en-IN" });
    const vpage = await viewer.newPage();
    await vpage.goto("/");
    await vpage.locator('input[type="search"]').fill(name);
    await vpage.getByText(name).first().waitFor();
    const tz = await vpage.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const found = await apiFromPage<{
      items: {
        name: string;
        nextStart: {
          occurrenceId: string;
          at: string;
          viewer: { time: string; zone: string; abbr: string };
          meeting: { time: string };
        };
      }[];
    }>(vpage, `/api/meetings?tz=${encodeURIComponent(tz)}&q=${encodeURIComponent(`"${name}"`)}`);
    const item = found.body.items.find((i) => i.name === name);
    const expectedAt = zonedInstant(day, startTime, "America/Chicago");
    const expectedViewerTime = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Kolkata",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(expectedAt);
    expect(item?.nextStart.meeting.time).toBe(startTime);
    expect(["Asia/Kolkata", "Asia/Calcutta"]).toContain(item?.nextStart.viewer.zone); // Chromium still names it Calcutta
    expect(item?.nextStart.viewer.time).toBe(expectedViewerTime);
    expect(Date.parse(item?.nextStart.at ?? "")).toBe(expectedAt);
    await expect(vpage.locator(`time[datetime="${item?.nextStart.at}"]`).first().isVisible()).resolves.toBe(true);
    await screenshot(vpage, "dashboard-1-secretary", "directory-kolkata");
    await viewer.close();

    createdMeeting = { name, occurrenceId: item?.nextStart.occurrenceId ?? "" };
    await context.close();
  });

  it("2. contributions and a receipted expense flow into budget vs actual and the monthly report", async () => {
    // bypassCSP only lets the test inject axe-core; the app itself runs under its CSP elsewhere.
    const treasurer = await personPage(browser, "treasurer", {
      viewport: DESKTOP,
      timezoneId: "America/Chicago",
      bypassCSP: true,
    });
    const tp = treasurer.page;
    await tp.getByRole("heading", { name: "Treasury overview" }).waitFor();
    const month = dateIn("America/Chicago").slice(0, 7);
    type Report = {
      report: {
        income: { totalCents: number };
        expenses: { totalCents: number; byCategory: { code: string; cents: number }[] };
      };
    };
    const before = (await apiFromPage<Report>(tp, `${T}/reports/monthly?month=${month}`)).body.report;

    // Contribution batch with a running total.
    await tp.getByRole("link", { name: "Contributions" }).click();
    await tp.getByRole("heading", { name: "Record a collection" }).waitFor();
    await tp.getByRole("textbox", { name: "Amount 1" }).fill("20");
    await tp.getByRole("button", { name: "Add another amount" }).click();
    await tp.getByRole("textbox", { name: "Amount 2" }).fill("15.50");
    await tp.getByLabel("How it came in").nth(1).selectOption("online");
    await tp.getByText("Running total: $35.50").waitFor();
    await tp.getByRole("button", { name: "Record collection" }).click();
    await tp.getByText("Recorded $35.50").waitFor();

    // A secretary claims an expense with a receipt upload.
    const secretary = await personPage(browser, "secretary");
    const sp = secretary.page;
    await sp.getByRole("link", { name: "Expense claims" }).click();
    await sp.getByRole("heading", { name: "Claim an expense" }).waitFor();
    const payee = `Print shop ${RUN}`;
    await sp.getByLabel("Paid to").fill(payee);
    await sp.getByLabel("Amount", { exact: true }).fill("42.17");
    await sp.getByLabel("Category").selectOption({ label: "5300 Literature & Supplies" });
    await sp.getByLabel("What it was for").fill("Meeting lists and pamphlets");
    // Record whether the upload progress bar was ever put on the page (the upload is too quick to catch otherwise).
    await sp.evaluate(`window.__sawProgress = false; new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && (n.matches("progress") || n.querySelector("progress"))) window.__sawProgress = true;
    }).observe(document.body, { subtree: true, childList: true });`);
    await sp.getByLabel(/^Receipt/).setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: RECEIPT_PNG });
    await sp.getByText("Receipt uploaded and checked: receipt.png").waitFor();
    expect(await sp.evaluate("window.__sawProgress")).toBe(true);
    await sp.getByRole("button", { name: "Send claim" }).click();
    await sp.getByText("Claim sent.").waitFor();
    await screenshot(sp, "dashboard-2-treasury", "claim-sent");

    // The treasurer approves and pays it.
    await tp.getByRole("link", { name: "Expenses" }).click();
    await tp.getByRole("heading", { name: "Expenses" }).waitFor();
    await tp.getByRole("button", { name: `Approve: ${payee}, $42.17` }).click();
    await tp.getByRole("button", { name: `Pay: ${payee}, $42.17` }).click();
    await tp.getByRole("button", { name: `Confirm payment: ${payee}, $42.17` }).click(); // today, from checking
    await tp.getByText(`${payee}`).first().waitFor();
    await tp.locator(".dash-card", { hasText: payee }).getByText("Paid").waitFor();
    await expectNoAxeViolations(tp);
    await screenshot(tp, "dashboard-2-treasury", "expenses");

    // The report moved by exactly what was recorded.
    const after = (await apiFromPage<Report>(tp, `${T}/reports/monthly?month=${month}`)).body.report;
    expect(after.income.totalCents - before.income.totalCents).toBe(3550);
    expect(after.expenses.totalCents - before.expenses.totalCents).toBe(4217);
    const lit = (r: typeof before) => r.expenses.byCategory.find((c) => c.code === "5300")?.cents ?? 0;
    expect(lit(after) - lit(before)).toBe(4217);

    // A manual transfer (cash deposited at the bank) is posted balanced, then corrected by its reversal.
    await tp.getByRole("link", { name: "Journal" }).click();
    await tp.getByRole("heading", { name: "Journal" }).waitFor();
    await tp.getByText("Post a manual entry").click();
    const memo = `Cash deposit ${RUN}`;
    await tp.getByLabel("Memo").fill(memo);
    await tp.getByRole("group", { name: "Line 1" }).getByLabel("Account").selectOption({ label: "1000 Checking" });
    await tp.getByRole("group", { name: "Line 1" }).getByLabel("Debit").fill("10");
    await tp.getByRole("group", { name: "Line 2" }).getByLabel("Account").selectOption({ label: "1100 Cash on hand" });
    await tp.getByRole("group", { name: "Line 2" }).getByLabel("Credit").fill("10");
    await tp.getByText("Balanced: debits and credits are both $10.00.").waitFor();
    await tp.getByRole("button", { name: "Post entry" }).click();
    await tp.getByText("Entry posted.").waitFor();
    await tp.getByRole("button", { name: `Reverse: ${memo}` }).click();
    await tp.getByText("Reversing entry posted.").waitFor();
    await tp.getByRole("button", { name: `Reverse: ${memo}` }).waitFor({ state: "detached" }); // reversed once only
    await expectNoAxeViolations(tp);

    // Budget vs actual on the overview shows the new actual for 5300.
    type Vaa = { rows: { code: string; actualCents: number }[] };
    const fy = (await apiFromPage<{ currentId: string }>(tp, `${T}/budget/fy`)).body.currentId;
    const vaa = (await apiFromPage<Vaa>(tp, `${T}/budget/fy/${fy}/vaa`)).body;
    const actual = vaa.rows.find((r) => r.code === "5300")?.actualCents ?? 0;
    const money = new Intl.NumberFormat("en", { style: "currency", currency: "USD" }).format(actual / 100);
    await tp.getByRole("link", { name: "Overview" }).click();
    const row = tp.locator(".dash-vaa tr", { hasText: "5300 Literature & Supplies" });
    await row.getByText(money).waitFor();
    await tp.locator(".dash-plot canvas").first().waitFor();
    await expectNoAxeViolations(tp);
    const shot = await screenshot(tp, "dashboard-2-treasury", "overview");
    // Runs leave the tree clean; the README picture is refreshed on request only.
    if (process.env.UPDATE_README_SCREENSHOTS === "1") {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(shot, resolve(DOCS, "treasury.png"));
    }

    // The monthly report page reflects it, prints cleanly, and the printable page renders.
    await tp.getByRole("link", { name: "Monthly report" }).click();
    await tp.getByRole("heading", { name: /Monthly treasurer's report/ }).waitFor();
    const expensesTotal = new Intl.NumberFormat("en", { style: "currency", currency: "USD" }).format(
      after.expenses.totalCents / 100,
    );
    await tp.locator("tr.total", { hasText: "Total expenses" }).getByText(expensesTotal).waitFor();
    await expectNoAxeViolations(tp);
    await tp.emulateMedia({ media: "print" });
    expect(await tp.locator(".dash-nav").isVisible()).toBe(false);
    await screenshot(tp, "dashboard-2-treasury", "report-print");
    await tp.emulateMedia({ media: "screen" });
    const printable = await treasurer.context.newPage();
    await printable.goto(`${T}/reports/monthly?month=${month}&format=html`);
    await printable.getByRole("heading", { name: /Treasurer's report/ }).waitFor();
    expect(await printable.getByText("Total expenses").count()).toBeGreaterThan(0);
    await screenshot(printable, "dashboard-2-treasury", "report-printable");
    await secretary.context.close();
    await treasurer.context.close();
  });

  it("3. a host cannot reach the treasury pages (the API refuses too), but starts a meeting, opens its room as host, and ends it from the dashboard after a confirmation", async () => {
    const { context, page } = await personPage(browser, "host");
    expect(await page.getByRole("link", { name: "Treasury" }).count()).toBe(0);
    await page.goto("/service/treasury");
    await page.getByRole("heading", { name: "This page is not available for your role in this group." }).waitFor();
    await page.goto("/service/treasury/expenses");
    await page.getByRole("heading", { name: "This page is not available for your role in this group." }).waitFor();
    await screenshot(page, "dashboard-3-host", "not-for-role");
    for (const path of [`${T}/balances`, `${T}/expenses`, `${T}/reports/monthly?month=2026-01`]) {
      expect((await apiFromPage(page, path)).status, path).toBe(403);
    }

    // What a host does have: start journey 1's meeting and open its room as host.
    expect(createdMeeting.name, "journey 1 creates the meeting").not.toBe("");
    await page.goto("/service/meetings");
    await page.getByRole("link", { name: createdMeeting.name }).click();
    await page.getByRole("heading", { name: createdMeeting.name }).waitFor();
    await page.getByRole("button", { name: "Start and open room" }).first().click();
    const opened = await Promise.race([
      page.waitForURL(/\/room\/[^/]+$/).then(() => null),
      page
        .locator(".dash-error")
        .first()
        .waitFor()
        .then(() => page.locator(".dash-error").first().textContent()),
    ]);
    expect(opened, "the room should open without an error").toBeNull();
    expect(new URL(page.url()).pathname).toBe(`/room/${createdMeeting.occurrenceId}`);
    await page.getByRole("heading", { name: createdMeeting.name }).first().waitFor(); // the live room, as its host
    await screenshot(page, "dashboard-3-host", "room-as-host");

    // The dashboard's End closes the live room for everyone, but only after a confirmation.
    const dash = await context.newPage();
    await dash.goto("/service/meetings");
    await dash.getByRole("link", { name: createdMeeting.name }).click();
    await dash.getByRole("heading", { name: createdMeeting.name }).waitFor();
    await dash.getByRole("button", { name: "End", exact: true }).click();
    await dash.getByText("End this meeting now? Everyone in the room leaves and the chat closes.").waitFor();
    expect(await page.getByRole("heading", { name: "Keep coming back" }).count()).toBe(0);
    await dash.getByRole("button", { name: "Yes, end it" }).click();
    await dash.getByText("The meeting has ended.").waitFor();
    await page.getByRole("heading", { name: "Keep coming back" }).waitFor();
    await context.close();
  });

  it("4. sign-in, meetings, treasury, expenses and report pages pass axe; Spanish renders", async () => {
    const anonymous = await newContext(browser, base(), { bypassCSP: true, userAgent: agentFor("keyboard") });
    const signInPage = await anonymous.newPage();
    await signInPage.goto("/service");
    await signInPage.getByRole("heading", { name: "Sign in to serve" }).waitFor();
    await expectNoAxeViolations(signInPage);
    // Keyboard only: Tab to the address, type it, Enter sends the link.
    for (
      let i = 0;
      i < 12 && (await signInPage.evaluate("document.activeElement?.getAttribute('type')")) !== "email";
      i++
    )
      await signInPage.keyboard.press("Tab");
    await signInPage.keyboard.type("nobody@example.test");
    await signInPage.keyboard.press("Enter");
    await signInPage.getByText("a sign-in link is on its way").waitFor();
    await anonymous.close();

    // The secretary's meetings page in the dark scheme (the system setting decides).
    const secretary = await personPage(browser, "secretary", { bypassCSP: true, colorScheme: "dark" });
    await secretary.page.getByRole("heading", { name: "Meetings", exact: true }).waitFor();
    await secretary.page.locator(".dash-card").first().waitFor();
    await expectNoAxeViolations(secretary.page);
    await screenshot(secretary.page, "dashboard-4-axe", "meetings-dark");
    // The meeting form, with who may speak and its explanations.
    await secretary.page.getByRole("link", { name: "New meeting" }).click();
    await secretary.page.getByRole("group", { name: "Who may speak (audio)" }).waitFor();
    await expectNoAxeViolations(secretary.page);
    await secretary.context.close();

    // An admin reads the audit trail that every money action above left behind.
    const admin = await personPage(browser, "admin", { bypassCSP: true });
    await admin.page.getByRole("link", { name: "Audit log" }).click();
    await admin.page.getByRole("heading", { name: "Audit log" }).waitFor();
    await admin.page.locator("tbody tr").first().waitFor();
    await admin.page
      .getByText(/^The treasurer paid .+ \$42\.17\.$/)
      .first()
      .waitFor(); // a sentence, not a code (dashboard-walk.e2e.ts reads more)
    await expectNoAxeViolations(admin.page);

    // Service rotates: the admin invites the next treasurer with a rotation date, then ends the assignment.
    await admin.page.getByRole("link", { name: "People" }).click();
    await admin.page.getByRole("heading", { name: "People in service" }).waitFor();
    await admin.page.getByLabel("Their email address").fill(`robin-${RUN}@example.test`);
    await admin.page.getByLabel("First name").fill(`Robin${RUN}`);
    await admin.page.getByLabel("Role").selectOption("treasurer");
    await admin.page.getByLabel("Rotation date (optional)").fill("2030-06-30");
    await admin.page.getByRole("button", { name: "Send invitation" }).click();
    await admin.page.getByText("Invitation sent.").waitFor();
    const card = admin.page.locator(".dash-card", { hasText: `Robin${RUN}` });
    await card.getByText(/until Jun 30, 2030/).waitFor();
    expect(await admin.page.getByText(`robin-${RUN}@example.test`).count()).toBe(0); // emails are never shown
    await expectNoAxeViolations(admin.page);
    await card.getByRole("button", { name: /End this assignment/ }).click();
    await admin.page.getByText("Assignment ended.").waitFor();
    await admin.context.close();

    const { context, page } = await personPage(browser, "treasurer", { viewport: DESKTOP, bypassCSP: true });
    await page.locator(".dash-plot canvas").first().waitFor();
    await expectNoAxeViolations(page);
    // Mobile first: on a phone the overview fits the width (tables and charts included).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator(".dash-plot canvas").first().waitFor();
    await screenshot(page, "dashboard-4-axe", "overview-mobile");
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    for (const [link, heading] of [
      ["Contributions", "Record a collection"],
      ["Expenses", "Expenses"],
      ["Journal", "Journal"],
      ["Accounts", "Chart of accounts"],
      ["Budget", "Budget"],
      ["Monthly report", /Monthly treasurer's report/],
      ["Bank reconciliation", "Bank reconciliation"],
    ] as const) {
      await page.getByRole("navigation", { name: "Treasury sections" }).getByRole("link", { name: link }).click();
      await page.getByRole("heading", { name: heading, exact: typeof heading === "string" }).waitFor();
      await page.locator(".dash-panel, .dash-card, .dash-table").first().waitFor();
      expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), link).toBe(true);
    }
    await page.getByRole("navigation", { name: "Treasury sections" }).getByRole("link", { name: "Overview" }).click();
    await page.setViewportSize(DESKTOP);
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("heading", { name: "Resumen de tesorería" }).waitFor();
    await page.getByRole("link", { name: "Gastos", exact: true }).click();
    await page.getByRole("heading", { name: "Gastos", exact: true }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Cuentas", exact: true }).click();
    await page.getByRole("heading", { name: "Plan de cuentas" }).waitFor();
    await page.getByRole("heading", { name: "Gastos", exact: true }).waitFor(); // the expense accounts' group
    await page.getByRole("link", { name: "Informe mensual" }).click();
    await page.getByRole("heading", { name: /Informe mensual del tesorero/ }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-4-axe", "report-es");
    await page.reload();
    await page.getByRole("heading", { name: /Informe mensual del tesorero/ }).waitFor(); // the choice persists
    await page.getByLabel("Idioma").selectOption("en");

    // Signing out ends the session on the server too.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to serve" }).waitFor();
    expect((await apiFromPage(page, "/api/me")).status).toBe(401);
    await context.close();
  });

  it("5. a treasurer keeps the chart of accounts, rejects a claim with a reason the claimant reads, and closes last year after confirming; an admin gets only the write controls the API allows them", async () => {
    const treasurer = await personPage(browser, "treasurer", {
      viewport: DESKTOP,
      timezoneId: "America/Chicago",
      bypassCSP: true,
      userAgent: agentFor("treasurer-books"),
    });
    const tp = treasurer.page;
    const sections = tp.getByRole("navigation", { name: "Treasury sections" });
    const status = tp.locator(".dash-live");

    // Chart of accounts: the API's duplicate_code is shown beside the code field.
    await sections.getByRole("link", { name: "Accounts" }).click();
    await tp.getByRole("heading", { name: "Chart of accounts" }).waitFor();
    await tp.getByRole("region", { name: "Assets" }).getByText("1000").waitFor();
    const code = tp.getByLabel("Code", { exact: true });
    await code.fill("1000");
    await tp.getByLabel("Name", { exact: true }).fill("Second checking");
    await tp.getByLabel("Type", { exact: true }).selectOption("asset");
    await tp.getByRole("button", { name: "Add account" }).click();
    await tp.getByText("Another account of this group already uses this code").waitFor();
    expect(await code.getAttribute("aria-invalid")).toBe("true");
    expect(await tp.evaluate("document.activeElement?.id")).toBe(await code.getAttribute("id")); // focus went to the field
    await expectNoAxeViolations(tp);
    // The standard chart's accounts can be renamed or deactivated, never deleted.
    await tp.getByRole("button", { name: /^Rename: 4100 / }).waitFor();
    expect(await tp.getByRole("button", { name: /^Delete: 4100 / }).count()).toBe(0);

    // Add, rename, deactivate, then delete an unused account; each outcome is announced.
    const accountCode = `5600-${RUN}`;
    await code.fill(accountCode);
    await tp.getByLabel("Name", { exact: true }).fill(`Hall deposit ${RUN}`);
    await tp.getByLabel("Type", { exact: true }).selectOption("expense");
    await tp.getByRole("button", { name: "Add account" }).click();
    await status.getByText(`Added ${accountCode} Hall deposit ${RUN}.`).waitFor();
    const row = tp.getByRole("region", { name: "Expenses" }).getByRole("listitem").filter({ hasText: accountCode });
    await row.getByText("Active", { exact: true }).waitFor();

    await row.getByRole("button", { name: `Rename: ${accountCode} Hall deposit ${RUN}` }).click();
    await tp.getByLabel(`New name for ${accountCode}`).fill(`Hall key deposit ${RUN}`);
    await tp.getByRole("button", { name: "Save name" }).click();
    await status.getByText(`Renamed ${accountCode} to Hall key deposit ${RUN}.`).waitFor();
    await row.getByText(`Hall key deposit ${RUN}`).waitFor();

    await row.getByRole("button", { name: `Deactivate: ${accountCode} Hall key deposit ${RUN}` }).click();
    await status.getByText(`Deactivated ${accountCode} Hall key deposit ${RUN}.`).waitFor();
    await row.getByText("Inactive", { exact: true }).waitFor();
    await row.getByRole("button", { name: `Reactivate: ${accountCode} Hall key deposit ${RUN}` }).waitFor();
    type Accounts = { accounts: { code: string; name: string; active: boolean }[] };
    expect(
      (await apiFromPage<Accounts>(tp, `${T}/accounts`)).body.accounts.find((a) => a.code === accountCode),
    ).toMatchObject({ name: `Hall key deposit ${RUN}`, active: false });
    await screenshot(tp, "dashboard-5-books", "accounts");
    const categories = (
      await apiFromPage<{ categories: { id: string; code: string }[] }>(
        tp,
        `/api/groups/grp_demo_chicago/expense-categories`,
      )
    ).body.categories;
    expect(categories.map((c) => c.code)).not.toContain(accountCode); // no longer offered to claimants
    await expectNoAxeViolations(tp);

    await row.getByRole("button", { name: `Delete: ${accountCode} Hall key deposit ${RUN}` }).click();
    await row
      .getByText(
        `Delete ${accountCode} Hall key deposit ${RUN}? If it has been used in the books, it is deactivated instead.`,
      )
      .waitFor();
    await row.getByRole("button", { name: "Delete account" }).click();
    await status.getByText(`Deleted ${accountCode} Hall key deposit ${RUN}.`).waitFor();
    await row.waitFor({ state: "detached" });
    expect((await apiFromPage<Accounts>(tp, `${T}/accounts`)).body.accounts.some((a) => a.code === accountCode)).toBe(
      false,
    );

    // An admin reads the books but gets no write controls where the API keeps writes for the treasurer,
    // only a short note; closing a fiscal year (and deciding on claims, below) the API allows admins too.
    const admin = await personPage(browser, "admin", {
      viewport: DESKTOP,
      bypassCSP: true,
      userAgent: agentFor("admin-books"),
    });
    const ap = admin.page;
    const adminSections = ap.getByRole("navigation", { name: "Treasury sections" });
    const readOnly = "Only the treasurer records or changes the books; you can read them here.";
    await ap.goto("/service/treasury/accounts");
    await ap.getByRole("heading", { name: "Chart of accounts" }).waitFor();
    await ap.getByRole("region", { name: "Income" }).getByText("4100").waitFor();
    await ap.getByText("Only the treasurer adds or changes accounts").waitFor();
    expect(await ap.getByRole("button", { name: "Add account" }).count()).toBe(0);
    expect(await ap.getByRole("button", { name: /^(Rename|Deactivate|Delete):/ }).count()).toBe(0);
    await expectNoAxeViolations(ap);

    await adminSections.getByRole("link", { name: "Budget" }).click();
    await ap.getByRole("heading", { name: "Budget", exact: true }).waitFor();
    await ap.getByText(readOnly).waitFor(); // shown once the year's budget has loaded, in place of its form
    await ap.getByRole("heading", { name: "Budget vs actual" }).waitFor(); // the budget is still read in the chart
    expect(await ap.getByRole("button", { name: "Save budget" }).count()).toBe(0);
    expect(await ap.getByRole("textbox", { name: /^Budget for / }).count()).toBe(0);
    await ap.getByRole("button", { name: /^Close \S/ }).waitFor(); // the current year is open, and admins may close it
    await expectNoAxeViolations(ap);

    await adminSections.getByRole("link", { name: "Contributions" }).click();
    await ap.getByRole("heading", { name: "Recent collections" }).waitFor();
    await ap.getByText(readOnly).waitFor();
    expect(await ap.getByRole("button", { name: "Record collection" }).count()).toBe(0);
    expect(await ap.getByRole("textbox", { name: "Amount 1" }).count()).toBe(0);
    await expectNoAxeViolations(ap);

    await adminSections.getByRole("link", { name: "Journal" }).click();
    await ap.getByRole("heading", { name: "Journal", exact: true }).waitFor();
    await ap.getByText(readOnly).waitFor(); // shown with the entries, in place of the entry form
    await ap.locator(".dash-table tbody tr").first().waitFor();
    expect(await ap.getByText("Post a manual entry").count()).toBe(0);
    expect(await ap.getByRole("button", { name: "Post entry" }).count()).toBe(0);
    expect(await ap.getByRole("button", { name: /^Reverse/ }).count()).toBe(0);
    await expectNoAxeViolations(ap);

    await adminSections.getByRole("link", { name: "Bank reconciliation" }).click();
    await ap.getByRole("heading", { name: "Bank reconciliation" }).waitFor();
    await ap.getByText(readOnly).waitFor(); // shown once the accounts and statements have loaded, in place of the form
    expect(await ap.getByRole("button", { name: "Check against the books" }).count()).toBe(0);
    expect(await ap.getByRole("textbox", { name: "Statement balance" }).count()).toBe(0);
    await expectNoAxeViolations(ap);

    // A secretary claims without a receipt; the treasurer rejects it with a reason.
    const secretary = await personPage(browser, "secretary", {
      bypassCSP: true,
      userAgent: agentFor("secretary-claims"),
    });
    const sp = secretary.page;
    await sp.getByRole("link", { name: "Expense claims" }).click();
    await sp.getByRole("heading", { name: "Claim an expense" }).waitFor();
    const payee = `Bakery ${RUN}`;
    await sp.getByLabel("Paid to").fill(payee);
    await sp.getByLabel("Amount", { exact: true }).fill("12.34");
    await sp.getByLabel("Category").selectOption({ label: "5400 Service Work Expenses" });
    await sp.getByLabel("What it was for").fill("Cake for an anniversary");
    await sp.getByLabel("No receipt? Say why").fill("The bakery gave no receipt");
    await sp.getByRole("button", { name: "Send claim" }).click();
    await sp.getByText("Claim sent.").waitFor();
    const myClaim = sp.getByRole("region", { name: "Your claims" }).getByRole("listitem").filter({ hasText: payee });
    await myClaim.getByText("Waiting for a decision").waitFor();

    // The admin sees Approve and Reject on the pending claim, and approves another one (made here through the API);
    // paying it stays with the treasurer, so the admin gets no Pay button, only a note.
    const hallKeys = `Hall keys ${RUN}`;
    const claimed = await apiPostFromPage(sp, `${T}/expenses`, {
      payee: hallKeys,
      amountCents: 800,
      accountId: categories.find((c) => c.code === "5400")?.id,
      description: "Spare hall keys",
      noReceiptReason: "The locksmith gave no receipt",
    });
    expect(claimed.status).toBe(201);
    await adminSections.getByRole("link", { name: "Expenses" }).click();
    await ap.getByRole("heading", { name: "Expenses", exact: true }).waitFor();
    await ap.getByRole("button", { name: `Approve: ${payee}, $12.34` }).waitFor();
    await ap.getByRole("button", { name: `Reject: ${payee}, $12.34` }).waitFor();
    await ap.getByRole("button", { name: `Approve: ${hallKeys}, $8.00` }).click();
    await ap.locator(".dash-live").getByText(`Approved the claim from ${hallKeys}.`).waitFor();
    const approvedCard = ap.locator(".dash-card", { hasText: hallKeys });
    await approvedCard.getByText("Approved, to pay").waitFor();
    await approvedCard.getByText("The treasurer pays approved claims.").waitFor();
    expect(await ap.getByRole("button", { name: /^Pay: / }).count()).toBe(0);
    await expectNoAxeViolations(ap);
    await admin.context.close();

    await sections.getByRole("link", { name: "Expenses" }).click();
    await tp.getByRole("heading", { name: "Expenses", exact: true }).waitFor();
    await tp.getByRole("button", { name: `Pay: ${hallKeys}, $8.00` }).waitFor(); // the treasurer still may pay it
    const reason = "Please claim it again with a receipt from the bakery";
    await tp.getByRole("button", { name: `Reject: ${payee}, $12.34` }).click();
    const note = tp.getByLabel("Reason (optional; the person who claimed will see it)");
    expect(await tp.evaluate("document.activeElement?.id")).toBe(await note.getAttribute("id"));
    await note.fill(reason);
    await tp.getByText(`${reason.length} of 300 characters`).waitFor();
    await screenshot(tp, "dashboard-5-books", "reject-with-reason");
    await expectNoAxeViolations(tp);
    await tp.getByRole("button", { name: `Reject claim: ${payee}, $12.34` }).click();
    await status.getByText(`Rejected the claim from ${payee}.`).waitFor();
    const card = tp.locator(".dash-card", { hasText: payee });
    await card.getByText(`Reason: ${reason}`).waitFor();
    expect(await card.locator("p").first().textContent()).toContain("Rejected");
    await expectNoAxeViolations(tp);

    // The claimant learns why.
    await sp.reload();
    await sp.getByRole("heading", { name: "Claim an expense" }).waitFor();
    await myClaim.getByText(`Reason: ${reason}`).waitFor();
    await screenshot(sp, "dashboard-5-books", "claimant-reads-reason");
    expect(await myClaim.locator("p").first().textContent()).toContain("Rejected");
    await expectNoAxeViolations(sp);
    await secretary.context.close();

    // Last fiscal year (it holds the demo books' first month), opened through the API as a treasurer would have.
    type Years = {
      currentId: string;
      fiscalYears: { id: string; label: string; startsOn: string; endsOn: string; closedAt: number | null }[];
    };
    const years = (await apiFromPage<Years>(tp, `${T}/budget/fy`)).body;
    const current = years.fiscalYears.find((y) => y.id === years.currentId);
    const lastYear = Number(current?.startsOn.slice(0, 4)) - 1;
    const opened = await apiPostFromPage<{ fiscalYear: Years["fiscalYears"][number] }>(tp, `${T}/budget/fy`, {
      startYear: lastYear,
    });
    expect(opened.status).toBe(201);
    const last = opened.body.fiscalYear;
    expect(last.closedAt).toBeNull();
    const atClose = (
      await apiFromPage<{ balances: { type: string; balanceCents: number }[] }>(tp, `${T}/balances?asOf=${last.endsOn}`)
    ).body.balances;
    const funds = new Intl.NumberFormat("en", { style: "currency", currency: "USD" }).format(
      atClose.filter((b) => b.type === "asset").reduce((a, b) => a + b.balanceCents, 0) / 100,
    );

    await sections.getByRole("link", { name: "Budget" }).click();
    await tp.getByRole("heading", { name: "Budget", exact: true }).waitFor();
    await tp.getByRole("combobox", { name: /^Fiscal year/ }).selectOption(last.id);
    // Backing out of the confirmation closes nothing and gives focus back.
    await tp.getByRole("button", { name: `Close ${last.label}` }).click();
    await tp.getByRole("heading", { name: `Close ${last.label}?` }).waitFor();
    await tp.getByText(/No more postings dated from .* will be accepted/).waitFor();
    await tp.getByRole("button", { name: "Cancel" }).click();
    await tp.waitForFunction(`document.activeElement?.textContent === ${JSON.stringify(`Close ${last.label}`)}`);
    expect(
      (await apiFromPage<Years>(tp, `${T}/budget/fy`)).body.fiscalYears.find((y) => y.id === last.id)?.closedAt,
    ).toBeNull();

    await tp.getByRole("button", { name: `Close ${last.label}` }).click();
    await tp
      .getByText(`No more postings dated from Jan 1, ${lastYear} to Dec 31, ${lastYear} will be accepted`)
      .waitFor();
    await expectNoAxeViolations(tp);
    await tp.getByRole("button", { name: `Yes, close ${last.label}` }).click();
    await status.getByText(`${last.label} is closed. Funds on hand at the close: ${funds}.`).waitFor();
    await tp.getByText(`Funds on hand at the close: ${funds}`, { exact: true }).waitFor();
    await tp.getByText(new RegExp(`^${last.label} was closed on `)).waitFor();
    await tp.getByText("This fiscal year is closed.").waitFor();
    expect(await tp.getByRole("button", { name: `Close ${last.label}` }).count()).toBe(0);
    expect(
      await tp
        .getByRole("combobox", { name: /^Fiscal year/ })
        .locator("option:checked")
        .textContent(),
    ).toBe(`${last.label} (closed)`);
    expect(
      (await apiFromPage<Years>(tp, `${T}/budget/fy`)).body.fiscalYears.find((y) => y.id === last.id)?.closedAt,
    ).not.toBeNull();
    await expectNoAxeViolations(tp);
    await screenshot(tp, "dashboard-5-books", "fiscal-year-closed");
    await treasurer.context.close();
  });
});
