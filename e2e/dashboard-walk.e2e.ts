import { readFileSync } from "node:fs";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshot } from "./browser";
import {
  agentFor,
  apiFromPage,
  apiPostFromPage,
  base,
  CHICAGO,
  DESKTOP,
  dateIn,
  expectNoAxeViolations,
  personPage,
  RECEIPT_PNG,
  RUN,
  signIn,
  T,
} from "./dashboard-helpers";

/** Issue 15, points 10–14: errors beside their field (15), the pay form, the readable audit log, data rights, the compact phone chrome. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };
/** Money as the Spanish page writes it ("30,00 US$", with the no-break space Intl puts there). */
const usdEs = (cents: number) =>
  new Intl.NumberFormat("es", { style: "currency", currency: "USD" }).format(cents / 100);

/** A claim by the secretary, approved by the admin (both through the API), ready for the treasurer to pay. */
async function approvedClaim(secretary: Page, admin: Page, payee: string, amountCents: number): Promise<string> {
  const { body } = await apiFromPage<{ categories: { id: string; code: string }[] }>(
    secretary,
    `/api/groups/${CHICAGO}/expense-categories`,
  );
  const claimed = await apiPostFromPage<{ expense: { id: string } }>(secretary, `${T}/expenses`, {
    payee,
    amountCents,
    accountId: body.categories.find((c) => c.code === "5200")?.id,
    description: "Hall rent",
    noReceiptReason: "The landlord gives no receipts",
  });
  expect(claimed.status).toBe(201);
  expect((await apiPostFromPage(admin, `${T}/expenses/${claimed.body.expense.id}/approve`, {})).status).toBe(200);
  return claimed.body.expense.id;
}

/** The chrome above the page's heading, measured: where the h1 starts and how tall the section nav is. */
async function chrome(page: Page): Promise<{ h1Top: number; navHeight: number; scrollWidth: number }> {
  return (await page.evaluate(
    `({ h1Top: document.querySelector(".dash h1").getBoundingClientRect().top, navHeight: document.querySelector(".dash-nav").getBoundingClientRect().height, scrollWidth: document.documentElement.scrollWidth })`,
  )) as { h1Top: number; navHeight: number; scrollWidth: number };
}

describe("dashboard walk (issue 15: pay form, audit log, data rights, phone chrome)", () => {
  it("11. Pay opens a form: today in the group's zone, paid-from asset accounts, a reference, errors beside their field, a confirmation (en + es, phone and laptop)", async () => {
    const secretary = await personPage(browser, "secretary");
    const admin = await personPage(browser, "admin");
    const payee = `Church office ${RUN}`;
    const payeeEs = `Parroquia ${RUN}`;
    const id = await approvedClaim(secretary.page, admin.page, payee, 12_500);
    await approvedClaim(secretary.page, admin.page, payeeEs, 3_000);
    await secretary.context.close();
    await admin.context.close();

    const { context, page } = await personPage(browser, "treasurer", {
      viewport: DESKTOP,
      bypassCSP: true,
      timezoneId: "Asia/Tokyo",
    });
    await page.getByRole("link", { name: "Expenses" }).click();
    await page.getByRole("heading", { name: "Expenses", exact: true }).waitFor();
    await page.getByRole("button", { name: `Pay: ${payee}, $125.00` }).click();
    const form = page.getByRole("form", { name: `Pay ${payee}, $125.00` });
    await form.waitFor();
    // The date is today where the group is (Chicago), not where this laptop is (Tokyo).
    expect(await form.getByLabel("Payment date").inputValue()).toBe(dateIn("America/Chicago"));
    const options = await form.getByLabel("Paid from").locator("option").allTextContents();
    expect(options.length).toBeGreaterThan(0);
    expect(options.every((o) => /^1\d{3} /.test(o))).toBe(true); // asset accounts only (1000 Checking, 1100 Cash…)
    await form.getByText(/^\$125\.00 to .+ from 1000 /).waitFor(); // the sentence says what will be recorded
    await expectNoAxeViolations(page);

    // A mistake shows beside its field and takes the focus; nothing is paid.
    await form.getByLabel("Payment date").fill("");
    await form.getByRole("button", { name: `Confirm payment: ${payee}, $125.00` }).click();
    await form.getByText("Choose a real date, in a fiscal year that is still open.").waitFor();
    expect(await form.getByLabel("Payment date").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate("document.activeElement?.type")).toBe("date");
    expect((await apiFromPage<{ expense: { status: string } }>(page, `${T}/expenses/${id}`)).body.expense.status).toBe(
      "approved",
    );
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-walk-11", "pay-form-error");

    const paidOn = dateIn("America/Chicago", -1);
    await form.getByLabel("Payment date").fill(paidOn);
    await form
      .getByLabel("Paid from")
      .selectOption({ label: options.find((o) => o.startsWith("1100")) ?? options[0] ?? "" });
    await form.getByLabel("Reference (optional, e.g. cheque number)").fill("Cheque 0042");
    await form.getByRole("button", { name: `Confirm payment: ${payee}, $125.00` }).click();
    await page.getByText(`Paid ${payee}.`).waitFor();
    await page.locator(".dash-card", { hasText: payee }).getByText("Paid").waitFor();
    const { body } = await apiFromPage<{
      entries: { date: string; memo: string; lines: { accountId: string; amountCents: number }[] }[];
    }>(page, `${T}/journal/entries`);
    const entry = body.entries.find((e) => e.memo.startsWith(payee));
    expect(entry?.memo).toBe(`${payee}: Hall rent (ref. Cheque 0042)`);
    expect(entry?.date).toBe(paidOn);

    // Spanish, on a phone; Cancel backs out and gives the focus back to Pay.
    await page.setViewportSize(PHONE);
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("button", { name: `Pagar: ${payeeEs}, ${usdEs(3000)}` }).click();
    const formEs = page.getByRole("form", { name: `Pagar a ${payeeEs}, ${usdEs(3000)}` });
    await formEs.getByLabel("Fecha del pago").waitFor();
    await formEs.getByLabel("Pagado desde").waitFor();
    await formEs.getByLabel("Referencia (opcional, p. ej. número de cheque)").waitFor();
    await formEs.getByRole("button", { name: `Confirmar el pago: ${payeeEs}, ${usdEs(3000)}` }).waitFor();
    expect((await chrome(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-walk-11", "pay-form-es-phone");
    await formEs.getByRole("button", { name: "Cancelar" }).click();
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(
      `Pagar: ${payeeEs}, ${usdEs(3000)}`,
    );
    await page.getByLabel("Idioma").selectOption("en");
    await context.close();
  });

  it("12. the audit log reads as sentences with the officer's role and amounts, filters by kind and days, and downloads the same rows as CSV (en + es)", async () => {
    const secretary = await personPage(browser, "secretary");
    const adminSetup = await personPage(browser, "admin");
    const payee = `Print shop ${RUN}`;
    const id = await approvedClaim(secretary.page, adminSetup.page, payee, 4_217);
    await secretary.context.close();
    await adminSetup.context.close();
    const treasurer = await personPage(browser, "treasurer");
    const paid = await treasurer.page.evaluate(
      `fetch(${JSON.stringify(`${T}/expenses/${id}/pay`)}, { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": "walk-${RUN}" }, body: JSON.stringify({ reference: "Cheque 0077" }) }).then((r) => r.status)`,
    );
    expect(paid).toBe(200);
    await treasurer.context.close();

    const { context, page } = await personPage(browser, "admin", { viewport: DESKTOP, bypassCSP: true });
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    const table = page.getByRole("region", { name: "Audit log rows" });
    await table.getByText(`The treasurer paid ${payee} $42.17 (reference Cheque 0077).`).waitFor();
    await table.getByText(`An admin (you) approved the claim for ${payee}, $42.17.`).waitFor();
    await table.getByText(`The secretary claimed $42.17 for ${payee}.`).waitFor();
    const text = (await table.textContent()) ?? "";
    expect(text).not.toMatch(/Member …|usr_|@/); // no ids, no emails
    expect(text).not.toMatch(/\b(expense|entry|contribution)\.[a-z]+\b/); // no raw codes for known actions
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-walk-12", "audit-log");

    // Filter: only expense rows, today (in the group's zone); a backwards range is refused beside its field.
    const today = dateIn("America/Chicago");
    await page.getByLabel("Kind", { exact: true }).selectOption("expense");
    await page.getByLabel("From", { exact: true }).fill(today);
    await page.getByLabel("To", { exact: true }).fill(dateIn("America/Chicago", -1));
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.getByText("The first day must not be after the last day.").waitFor();
    expect(await page.evaluate("document.activeElement?.type")).toBe("date");
    await page.getByLabel("To", { exact: true }).fill(today);
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.getByText(/^\d+ rows?, newest first\.$/).waitFor();
    await table.getByText(`The treasurer paid ${payee} $42.17 (reference Cheque 0077).`).waitFor();
    const shown = (await page.evaluate(
      `Array.from(document.querySelectorAll(".dash-audit tbody tr")).map((r) => Array.from(r.cells).map((td) => td.textContent))`,
    )) as string[][];
    expect(shown.length).toBeGreaterThan(2);
    expect(shown.every(([, what]) => /claim|paid|reversed/.test(what ?? ""))).toBe(true);
    const api = await apiFromPage<{ audit: { action: string }[] }>(
      page,
      `${T}/audit?kind=expense&from=${today}&to=${today}&limit=500`,
    );
    expect(api.body.audit.every((a) => a.action.startsWith("expense."))).toBe(true);
    expect(shown.length).toBe(api.body.audit.length);

    // The CSV holds exactly the rows on screen, with who as a role.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download as CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`audit-log-${today}-${today}.csv`);
    const csv = Papa.parse<string[]>(readFileSync((await download.path()) ?? "", "utf8"), {
      skipEmptyLines: true,
    }).data;
    expect(csv[0]).toEqual(["When", "Who", "What happened", "Amount"]);
    expect(csv.slice(1).map(([when, , what, amount]) => [when, what, amount])).toEqual(shown);
    expect(csv.find((r) => r[2]?.includes(`paid ${payee}`))?.[1]).toBe("The treasurer");

    // Spanish.
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("heading", { name: "Registro de auditoría" }).waitFor();
    await page
      .getByRole("region", { name: "Filas del registro de auditoría" })
      .getByText(`Tesorería pagó a ${payee} ${usdEs(4217)} (referencia Cheque 0077).`)
      .waitFor();
    await page.getByLabel("Tipo").waitFor();
    await page.getByRole("button", { name: "Descargar en CSV" }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-walk-12", "audit-log-es");
    await page.getByLabel("Idioma").selectOption("en");
    await context.close();
  });

  it("13. a service member downloads their data and erases their account after reading what stays and confirming; then they are signed out (en + es, phone)", async () => {
    const admin = await personPage(browser, "admin");
    const email = `leaver-${RUN}@example.test`;
    const invited = await apiPostFromPage(admin.page, `/api/groups/${CHICAGO}/members`, {
      email,
      role: "host",
      displayName: `Leaver${RUN}`,
    });
    expect(invited.status).toBe(201);
    await admin.context.close();

    const context = await newContext(browser, base(), {
      userAgent: agentFor(`leaver-${RUN}`),
      bypassCSP: true,
      viewport: PHONE,
    });
    const page = await context.newPage();
    await signIn(page, email);
    await page.getByRole("link", { name: "Your data" }).click();
    await page.getByRole("heading", { name: "Your data", level: 1 }).waitFor();
    await page.getByText(/keep an anonymous actor id/).waitFor();
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download my data" }).click(),
    ]);
    const data = JSON.parse(readFileSync((await download.path()) ?? "", "utf8")) as {
      user: { email: string; displayName: string };
      serviceAssignments: { role: string }[];
    };
    expect(data.user).toMatchObject({ email, displayName: `Leaver${RUN}` });
    expect(data.serviceAssignments.map((a) => a.role)).toEqual(["host"]);

    // Spanish: the same statement and the confirmation step.
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("heading", { name: "Tus datos", level: 1 }).waitFor();
    await page.getByText(/identificador anónimo/).waitFor();
    await page.getByRole("button", { name: "Borrar mi cuenta…" }).click();
    await page.getByRole("button", { name: "Borrar mi cuenta ahora" }).click(); // not ticked yet: refused beside the box
    await page.getByText("Marca la casilla para confirmar primero.").waitFor();
    expect(await page.evaluate("document.activeElement?.type")).toBe("checkbox");
    expect((await apiFromPage(page, "/api/me")).status).toBe(200); // nothing erased
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-walk-13", "erase-confirm-es-phone");
    await page.getByLabel("Idioma").selectOption("en");

    await page.getByLabel("I understand that this cannot be undone").check();
    await page.getByRole("button", { name: "Erase my account now" }).click();
    await page.getByText("Your account was erased and you are signed out.").waitFor();
    await page.getByRole("heading", { name: "Sign in to serve" }).waitFor();
    expect((await apiFromPage(page, "/api/me")).status).toBe(401);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("14. on a phone the dashboard chrome is compact and the page's own content starts on the first screen; on a laptop every section shows", async () => {
    const { context, page } = await personPage(browser, "admin", { bypassCSP: true, viewport: PHONE });
    for (const [link, heading] of [
      ["Meetings", "Meetings"],
      ["Expense claims", "Claim an expense"],
      ["Audit log", "Audit log"],
    ] as const) {
      await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: link }).click();
      await page.getByRole("heading", { name: heading, exact: true, level: 1 }).waitFor();
      const m = await chrome(page);
      expect(m.h1Top, `${link}: the heading starts within the top 30 % (it was near half the screen)`).toBeLessThan(
        PHONE.height * 0.3,
      );
      expect(m.navHeight, `${link}: the sections take one row`).toBeLessThan(64);
      expect(m.scrollWidth, link).toBeLessThanOrEqual(PHONE.width);
    }
    await page.getByRole("button", { name: "Sign out" }).waitFor(); // still one tap away
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-walk-14", "audit-phone");

    await page.setViewportSize(DESKTOP);
    await page.getByText(/^Signed in as /).waitFor();
    for (const link of ["Meetings", "People", "Expense claims", "Treasury", "Audit log", "Your data"]) {
      expect(
        await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: link }).isVisible(),
        link,
      ).toBe(true);
    }
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("15. a refused form says why beside the field, in the reader's language, and takes the focus there: a too-short passcode and a receipt whose bytes are not its type (en + es)", async () => {
    /** The page shows no raw API text: no `json.` path, none of zod's English, no MIME type. */
    const noRawText = async (page: Page) => {
      const text = (await page.evaluate("document.body.innerText")) as string;
      expect(text).not.toMatch(/json\.|Too small|expected string|Invalid input|bytes are not|application\/pdf/);
    };
    /** The focused element is the labelled field: the same error sentence describes both (its id is unique). */
    const focused = async (page: Page, label: RegExp) => {
      const describedBy = await page.getByLabel(label).getAttribute("aria-describedby");
      return (
        Boolean(describedBy) &&
        (await page.evaluate("document.activeElement?.getAttribute('aria-describedby')")) === describedBy
      );
    };

    const { context, page } = await personPage(browser, "secretary", { viewport: DESKTOP, bypassCSP: true });
    await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Meetings" }).click();
    await page.getByRole("link", { name: "New meeting" }).click();
    await page.getByRole("heading", { name: "New meeting" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill(`Too short ${RUN}`);
    await page.getByLabel(/^Passcode/).fill("12");
    await page.getByRole("button", { name: "Save" }).click();
    const passcode = page.getByLabel(/^Passcode/);
    await page.getByText("Use at least 6 characters.").waitFor();
    expect(await passcode.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await passcode.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy.split(" ").at(-1)}"]`).textContent()).toBe(
      "Use at least 6 characters.",
    );
    expect(await focused(page, /^Passcode/)).toBe(true);
    await noRawText(page);
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-walk-15", "passcode-too-short");

    await page.getByLabel("Language", { exact: true }).selectOption("es");
    await page.getByRole("button", { name: "Guardar" }).click();
    await page.getByText("Usa al menos 6 caracteres.").waitFor();
    expect(await focused(page, /^Código de acceso/)).toBe(true);
    await noRawText(page);
    await expectNoAxeViolations(page);

    // A "PDF" that is a PNG inside: the server's sniffing refuses it; the sentence sits beside the file picker.
    await page.getByLabel("Idioma", { exact: true }).selectOption("en");
    await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Expense claims" }).click();
    await page.getByRole("heading", { name: "Claim an expense" }).waitFor();
    const fake = { name: "receipt.pdf", mimeType: "application/pdf", buffer: RECEIPT_PNG };
    await page.getByLabel(/^Receipt/).setInputFiles(fake);
    const wrongType =
      "The file's contents are not the kind its name says. Choose the original PDF, JPEG, PNG, HEIC or WebP file.";
    await page.getByText(wrongType).waitFor();
    expect(await page.getByLabel(/^Receipt/).getAttribute("aria-invalid")).toBe("true");
    expect(await focused(page, /^Receipt/)).toBe(true);
    await noRawText(page);
    await expectNoAxeViolations(page);

    await page.setViewportSize(PHONE);
    await page.getByLabel("Language", { exact: true }).selectOption("es");
    await page.getByLabel(/^Recibo/).setInputFiles(fake);
    await page
      .getByText(
        "El contenido del archivo no es del tipo que dice su nombre. Elige el archivo original en PDF, JPEG, PNG, HEIC o WebP.",
      )
      .waitFor();
    expect(await focused(page, /^Recibo/)).toBe(true);
    await noRawText(page);
    await expectNoAxeViolations(page);
    await screenshot(page, "dashboard-walk-15", "receipt-wrong-type-es-phone");
    await context.close();
  });
});
