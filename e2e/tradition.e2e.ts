import Stripe from "stripe";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { apiFromPage, base, DESKTOP, dateIn, expectNoAxeViolations, personPage } from "./dashboard-helpers";

/** A group the other journeys leave alone, so its books only move here. */
const LONDON = "grp_demo_london";
const TL = `/api/groups/${LONDON}/treasury`;
const SECRET = `whsec_e2e_${Date.now().toString(36)}_0123456789abcdef`;
const LINK = "https://buy.stripe.com/test_e2eTradition";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A Checkout Session event as Stripe documents it, signed with the stripe package's own helper, POSTed to the webhook. */
async function stripeDelivers(
  object: Record<string, unknown>,
): Promise<{ status: number; body: { outcome?: string } }> {
  const id = `evt_e2e_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const payload = JSON.stringify({
    id,
    object: "event",
    api_version: "2026-10-28.clover",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    type: "checkout.session.completed",
    data: { object },
  });
  const header = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: SECRET });
  const res = await fetch(`${base()}/api/webhooks/stripe/${LONDON}`, {
    method: "POST",
    body: payload,
    headers: { "Content-Type": "application/json", "Stripe-Signature": header },
  });
  return { status: res.status, body: await res.json() };
}

const session = (amount: number, currency: string) => ({
  id: `cs_test_${Math.random().toString(36).slice(2)}`,
  object: "checkout.session",
  amount_total: amount,
  currency,
  customer_details: { email: "donor@example.com", name: "Dana Donor" },
  metadata: {},
  mode: "payment",
  payment_intent: `pi_e2e_${Math.random().toString(36).slice(2)}`,
  payment_status: "paid",
  status: "complete",
});

async function openSection(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Treasury sections" }).getByRole("link", { name }).click();
}

describe("online Seventh Tradition (Stripe) journey", () => {
  it("the treasurer connects Stripe and sees an online contribution in the balances and the monthly report (en + es)", async () => {
    const { context, page } = await personPage(browser, "treasurer", {
      viewport: DESKTOP,
      timezoneId: "Europe/London",
      bypassCSP: true,
    });
    await page.getByLabel("Group", { exact: true }).selectOption(LONDON);
    await page.getByRole("heading", { name: "Treasury overview" }).waitFor();
    const month = dateIn("Europe/London").slice(0, 7);
    type Report = { report: { income: { seventhTradition: { cashCents: number; onlineCents: number } } } };
    const before = (await apiFromPage<Report>(page, `${TL}/reports/monthly?month=${month}`)).body.report.income
      .seventhTradition;

    await openSection(page, "Online (Stripe)");
    await page.getByRole("heading", { name: "Online Seventh Tradition (Stripe)" }).waitFor();
    await page.getByLabel("Stripe Payment Link").fill(LINK);
    await page.getByLabel("Webhook signing secret").fill(SECRET);
    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByText("Stripe connection saved.").waitFor();
    await page.getByText(`/api/webhooks/stripe/${LONDON}`).waitFor();

    // Stripe calls the webhook: a 25.00 contribution, and one in a currency the group does not keep.
    expect(await stripeDelivers(session(2500, "usd"))).toEqual({
      status: 200,
      body: expect.objectContaining({ outcome: "posted" }),
    });
    expect(await stripeDelivers(session(4000, "eur"))).toEqual({
      status: 200,
      body: expect.objectContaining({ outcome: "refused" }),
    });

    await page.reload();
    await page.getByRole("heading", { name: "Online Seventh Tradition (Stripe)" }).waitFor();
    await page.getByText("1 Stripe event was refused and needs your attention.").waitFor();
    await page.getByRole("cell", { name: /Refused: paid in EUR/ }).waitFor();
    await page.getByRole("cell", { name: "Posted to the books" }).first().waitFor();
    await screenshot(page, "tradition-1-treasurer", "online");
    await expectNoAxeViolations(page);

    // Balances: the net (25.00 − 2.9 % − 0.30 = 23.97) sits in Stripe balance, the fee in Processing fees.
    await openSection(page, "Overview");
    const stripeRow = page.getByRole("row", { name: /1200 Stripe balance|Stripe balance/ });
    await stripeRow.first().waitFor();
    expect(await stripeRow.first().textContent()).toContain("23.97");
    expect(
      await page
        .getByRole("row", { name: /Processing fees/ })
        .first()
        .textContent(),
    ).toContain("1.03");

    // The monthly report splits cash and online; online grew by the gross.
    const after = (await apiFromPage<Report>(page, `${TL}/reports/monthly?month=${month}`)).body.report.income
      .seventhTradition;
    expect(after.onlineCents - before.onlineCents).toBe(2500);
    expect(after.cashCents).toBe(before.cashCents);
    await openSection(page, "Monthly report");
    const split = page
      .getByRole("region", { name: "Seventh Tradition: cash and online" })
      .or(page.locator("section", { has: page.getByRole("heading", { name: "Seventh Tradition: cash and online" }) }));
    await split.first().waitFor();
    const online = new Intl.NumberFormat("en", { style: "currency", currency: "USD" }).format(after.onlineCents / 100);
    expect(
      await split
        .first()
        .getByRole("row", { name: /Online/ })
        .textContent(),
    ).toContain(online);
    await screenshot(page, "tradition-1-treasurer", "report");
    await expectNoAxeViolations(page);

    // Spanish.
    await page.evaluate("localStorage.setItem('mh.locale', 'es')");
    await page.reload();
    await page
      .getByRole("navigation", { name: "Secciones de tesorería" })
      .getByRole("link", { name: "En línea (Stripe)" })
      .click();
    await page.getByRole("heading", { name: "Séptima Tradición en línea (Stripe)" }).waitFor();
    await page.getByText("1 evento de Stripe fue rechazado y necesita tu atención.").waitFor();
    await expectNoAxeViolations(page);
    await page.evaluate("localStorage.setItem('mh.locale', 'en')");
    await context.close();
  });

  it("the meeting page shows the group's Payment Link beside its other Seventh Tradition links", async () => {
    const { context, page } = await personPage(browser, "treasurer", { viewport: DESKTOP, bypassCSP: true });
    const meetings = await apiFromPage<{ items: { slug: string }[] }>(page, `/api/groups/${LONDON}/meetings`);
    const slug = meetings.body.items[0]?.slug;
    expect(slug).toBeTruthy();
    await page.goto(`/m/${slug}`);
    const section = page.getByRole("region", { name: "Seventh Tradition" });
    await section.waitFor();
    expect(await section.getByRole("link", { name: /Stripe/ }).getAttribute("href")).toBe(LINK);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
