/**
 * Issue 15, the newcomer's walk (points 1, 2, 3, 5): on a 390×844 phone and a laptop, in English
 * and Spanish where the words are the point, axe clean. No waiting on real time: Join timing uses a
 * meeting inside the early-join window and one hours away.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessToken,
  base,
  createMeeting,
  expectNoAxeViolations,
  localSlot,
  meetingStartingSoon,
} from "./attendee-support";
import { launchBrowser, newContext, screenshot } from "./browser";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

let browser: Browser;
let secretaryToken: string;

beforeAll(async () => {
  browser = await launchBrowser();
  secretaryToken = await accessToken("secretary@meetinghouse.test");
});

afterAll(async () => {
  await browser?.close();
});

/** A Chicago meeting `hoursAway` from now with the given settings. */
async function meetingAt(label: string, hoursAway: number, extra: Record<string, unknown>) {
  const slot = localSlot(Date.now() + hoursAway * 3_600_000, "America/Chicago");
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return createMeeting(secretaryToken, {
    groupId: "grp_demo_chicago",
    name: `${label} ${stamp}`,
    slug: `e2e-nw-${label.toLowerCase().replace(/[^a-z]+/g, "-")}-${stamp}`,
    types: ["O"],
    languages: ["EN"],
    timezone: "America/Chicago",
    schedule: { days: [slot.day], startTime: slot.time, durationMinutes: 90 },
    visibility: "public",
    ...extra,
  });
}

async function firstCardTop(page: Page): Promise<number> {
  const card = page.locator(".meeting-card").first();
  await card.waitFor();
  const box = await card.boundingBox();
  if (!box) throw new Error("no box for the first card");
  return box.y;
}

describe("the newcomer's walk (issue 15)", () => {
  it("3. on a phone the first meeting is on the first screen, filters fold behind one button with a count; a laptop keeps them open", async () => {
    const phone = await (await newContext(browser, base(), { viewport: PHONE, bypassCSP: true })).newPage();
    await phone.goto("/");
    expect(await firstCardTop(phone)).toBeLessThan(PHONE.height);
    const toggle = phone.getByRole("button", { name: "Filters", exact: true });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await phone.getByLabel("Day", { exact: true }).isVisible()).toBe(false);
    await toggle.click();
    await phone.getByLabel("Meeting language").selectOption("EN");
    expect(await phone.getByRole("button", { name: "Filters (1)" }).getAttribute("aria-expanded")).toBe("true");
    // "Format: any" is drawn as a control (a bordered box), not plain text.
    const summary = phone.locator(".type-details summary");
    // `unknown`: this file is compiled without DOM types; the function runs in the page.
    const style = (el: unknown) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }).getComputedStyle(el)
        .borderTopStyle;
    expect(await summary.evaluate(style)).toBe("solid");
    await screenshot(phone, "newcomer", "phone-directory");
    await expectNoAxeViolations(phone, "phone directory");
    await phone.context().close();

    const laptop = await (await newContext(browser, base(), { viewport: LAPTOP })).newPage();
    await laptop.goto("/");
    await laptop.locator(".meeting-card").first().waitFor();
    const dayBox = await laptop.locator(".filters select").first().boundingBox();
    expect(dayBox && dayBox.height > 0 && dayBox.y < LAPTOP.height).toBe(true);
    expect(await laptop.getByRole("button", { name: "Filters", exact: true }).isVisible()).toBe(false);
    await laptop.context().close();
  });

  it("3. favourites and the time zone are kept on the device, with a My meetings view (English and Spanish)", async () => {
    const context = await newContext(browser, base(), { viewport: PHONE });
    const page = await context.newPage();
    await page.goto("/");
    const first = page.locator(".meeting-card").first();
    const name = (await first.locator("h3").textContent()) ?? "";
    await first.getByRole("button", { name: /Add to my meetings/ }).click();
    await page.getByRole("button", { name: "My meetings (1)" }).click();
    await expect.poll(() => page.locator(".meeting-card h3").allTextContents()).toEqual([name]);
    await page.getByLabel("Times shown in").selectOption("Asia/Tokyo");
    await expect.poll(() => page.locator(".meeting-card .when").first().textContent()).toMatch(/JST|UTC\+9|GMT\+9/);
    await page.reload();
    expect(await page.getByLabel("Times shown in").inputValue()).toBe("Asia/Tokyo");
    await page.getByRole("button", { name: "My meetings (1)" }).click();
    await expect.poll(() => page.locator(".meeting-card h3").allTextContents()).toEqual([name]);
    await context.close();

    const es = await (await newContext(browser, base(), { viewport: PHONE, locale: "es-ES" })).newPage();
    await es.goto("/");
    await es.getByRole("button", { name: "Filtros", exact: true }).waitFor();
    await es.getByRole("button", { name: "Mis reuniones (0)" }).click();
    await es.getByText("Aún no hay favoritas").waitFor();
    await es.context().close();
  });

  it("5. the meeting page gives start, length and end, counts down, and enables Join only once the window opens", async () => {
    const far = await meetingAt("Far Away", 3, {});
    const soon = await meetingStartingSoon(secretaryToken, "Opens Now", { passcode: null, waitingRoom: false });
    const page = await (await newContext(browser, base(), { viewport: LAPTOP, bypassCSP: true })).newPage();
    await page.goto(`/m/${far.slug}`);
    const join = page.getByRole("button", { name: "Join this meeting" });
    expect(await join.isDisabled()).toBe(true);
    await page.getByText(/Join opens at .*, 15 minutes before the start\./).waitFor();
    await page.getByText("90 minutes").waitFor();
    await expect
      .poll(() => page.locator(".join-timing .countdown").textContent())
      .toMatch(/It starts in [23]:\d\d:\d\d\./);
    await screenshot(page, "newcomer", "join-not-yet");
    await expectNoAxeViolations(page, "meeting page before the window");
    await page.goto(`/m/${soon.slug}`);
    await page.getByRole("link", { name: "Join this meeting" }).waitFor();
    await page.context().close();
  });

  it("1 + 2. the passcode's way in and what the meeting keeps, as the secretary set them (English and Spanish)", async () => {
    const shown = await meetingAt("Shown Passcode", 2, {
      passcode: "open-door-77",
      passcodeAccess: "shown",
      chatRetention: "24h",
    });
    const ask = await meetingAt("Ask Passcode", 2, {
      passcode: "quiet-door-88",
      passcodeAccess: "ask",
      chatRetention: "7d",
      latecomerChat: true,
    });
    const page = await (await newContext(browser, base(), { viewport: PHONE, bypassCSP: true })).newPage();
    await page.goto(`/m/${shown.slug}`);
    await page.getByText("open-door-77").waitFor();
    await page.getByText("The chat is kept for 24 hours after each message, then deleted.").waitFor();
    await page.getByText("If you come in late, you will not see messages sent before you arrived.").waitFor();
    await page.goto(`/m/${ask.slug}`);
    expect(await page.content()).not.toContain("quiet-door-88");
    await page.getByText("The chat is kept for 7 days after each message, then deleted.").waitFor();
    await page.getByLabel("Your message").fill("Hello, I'd like to come on Tuesday.");
    await page.getByRole("button", { name: "Send to the secretaries" }).click();
    await page.getByRole("status").filter({ hasText: "Sent." }).waitFor();
    await expectNoAxeViolations(page, "meeting page, ask form sent");
    await page.context().close();

    const es = await (await newContext(browser, base(), { viewport: PHONE, locale: "es-ES" })).newPage();
    await es.goto(`/m/${ask.slug}`);
    await es.getByText("El chat se guarda 7 días después de cada mensaje y luego se borra.").waitFor();
    await es.getByText("Si llegas tarde, verás los mensajes enviados antes de que entraras.").waitFor();
    await es.getByRole("button", { name: "Enviar a los secretarios" }).waitFor();
    await es.context().close();
  });
});
