import { join } from "node:path";
import qrcode from "qrcode-generator";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessToken,
  base,
  type Created,
  expectNoAxeViolations,
  hostOpensRoom,
  meetingStartingSoon,
  signInBrowser,
  traceSockets,
} from "./attendee-support";
import { ARTIFACTS, launchBrowser, newContext, screenshot } from "./browser";
import { agentFor, DESKTOP } from "./dashboard-helpers";

const JOURNEY = "slips";
const NAME = "Ana María Pérez";

let browser: Browser;
let meeting: Created;

beforeAll(async () => {
  browser = await launchBrowser();
  meeting = await meetingStartingSoon(await accessToken("secretary@meetinghouse.test"), "Slip Journey", {
    passcode: null,
    waitingRoom: false,
  });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Fails the journey if a slip, or the typed name, ever leaves the browser where it should not:
 * no request URL carries a slip (URLs are logged), no request body or socket frame carries the name.
 */
function watchForLeaks(context: BrowserContext, leaks: string[]) {
  context.on("request", (req) => {
    const url = req.url();
    if (/[?#&]slip=|eyJ[\w-]{20,}\.eyJ/.test(url.split("#")[0] ?? "")) leaks.push(`URL ${url}`);
    if ((req.postData() ?? "").includes("Ana Mar")) leaks.push(`body of ${url}`);
  });
  context.on("page", (page) =>
    page.on("websocket", (ws) =>
      ws.on("framesent", (f) => String(f.payload).includes("Ana Mar") && leaks.push("socket frame")),
    ),
  );
}

/** The dark modules of the slip's QR code as the page drew them (one SVG path, one unit per module). */
async function drawnQr(page: Page): Promise<boolean[][]> {
  const d = (await page.locator("svg.slip-qr path").getAttribute("d")) ?? "";
  const viewBox = ((await page.locator("svg.slip-qr").getAttribute("viewBox")) ?? "").split(" ").map(Number);
  const size = (viewBox[2] ?? 0) - 8;
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, col, row, len] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let c = Number(col); c < Number(col) + Number(len); c++) (grid[Number(row)] as boolean[])[c] = true;
  }
  return grid;
}

/** The same link encoded by qrcode-generator directly, module by module. */
function expectedQr(text: string): boolean[][] {
  const qr = qrcode(0, "M");
  qr.addData(text, "Byte");
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => qr.isDark(r, c)));
}

/** Pages of a PDF (Chromium's print to PDF), counted by their page objects. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

/** One character of the payload changed (in the middle, so the decoded bytes change too). */
function tamper(token: string): string {
  const [header, payload = "", signature] = token.split(".");
  const i = Math.floor(payload.length / 2);
  return [header, `${payload.slice(0, i)}${payload[i] === "A" ? "B" : "A"}${payload.slice(i + 1)}`, signature].join(
    ".",
  );
}

async function verify(page: Page, token: string, name: string) {
  await page.getByLabel(/^Slip|^Constancia \(/).fill(token);
  await page.getByLabel(/Name on the slip|Nombre en la constancia/).fill(name);
  await page.getByRole("button", { name: /^(Verify|Verificar)$/ }).click();
}

describe("attendance slips (headless Chromium)", () => {
  it("a secretary sets the slip minimum in the meeting form: mistakes beside the field, en + es", async () => {
    const context = await newContext(browser, base(), {
      viewport: DESKTOP,
      userAgent: agentFor("slips-secretary"),
      bypassCSP: true,
    });
    const page = await signInBrowser(context, "secretary@meetinghouse.test");
    await page.goto(`/service/meetings/${meeting.id}`);
    await page.getByRole("heading", { name: `Edit ${meeting.name}` }).waitFor();
    const minutes = page.getByLabel("Minutes in the meeting before a slip");
    expect(await minutes.inputValue()).toBe("45");
    await minutes.fill("4.5");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Enter a whole number of minutes (0 or more).").waitFor();
    expect(await minutes.getAttribute("aria-invalid")).toBe("true");
    expect(
      await minutes.evaluate(
        (el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement,
      ),
    ).toBe(true);
    await minutes.fill("500");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("At most 240 minutes.").waitFor();
    await screenshot(page, JOURNEY, "1-form-error");
    await expectNoAxeViolations(page, "meeting form with a slip error");

    await page.locator(".site-header select").selectOption("es");
    await page.getByRole("group", { name: "Constancias de asistencia" }).waitFor();
    await page.getByText("Como máximo 240 minutos.").waitFor();
    await page.locator(".site-header select").selectOption("en");

    // The journey's attendee may ask at once (0, the smallest minimum): no waiting on a real clock.
    await minutes.fill("0");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved.").waitFor();
    expect(await minutes.getAttribute("aria-invalid")).toBeNull();
    const saved = await page.evaluate(`fetch("/api/meetings/${meeting.id}").then((r) => r.json())`);
    expect((saved as { meeting: { slips: unknown } }).meeting.slips).toEqual({ minMinutes: 0, autoConfirm: false });
    await context.close();
  });

  it("an attendee asks for a slip with their name, the host confirms in one click, the attendee prints it, and a clerk verifies it (tampered, wrong name, offline), en + es", async () => {
    const leaks: string[] = [];
    const hostContext = await newContext(browser, base(), { viewport: DESKTOP, bypassCSP: true });
    const host = await signInBrowser(hostContext, "host@meetinghouse.test");
    traceSockets(host, JOURNEY, "host");
    await hostOpensRoom(host, meeting);

    const guestContext = await newContext(browser, base(), {
      viewport: DESKTOP,
      bypassCSP: true,
      timezoneId: "Asia/Tokyo",
    });
    watchForLeaks(guestContext, leaks);
    const guest = await guestContext.newPage();
    traceSockets(guest, JOURNEY, "guest");
    await guest.goto(`/m/${meeting.slug}/join`);
    await guest.getByLabel("Your first name (or Guest)").fill("Ana");
    await guest.getByRole("button", { name: "Join", exact: true }).click();
    const slipRegion = guest.getByRole("region", { name: "Proof of attendance" });
    await slipRegion.waitFor();
    await slipRegion.getByLabel("Your full name (optional, stays on this device)").fill(NAME);
    await slipRegion.getByRole("button", { name: "Ask for a slip" }).click();
    await slipRegion.getByText("Asked — waiting for a host to confirm.").waitFor();
    await expectNoAxeViolations(guest, "room with a pending slip request");

    await host.getByRole("button", { name: "Confirm slip Ana" }).click();
    await slipRegion.getByText("Your signed slip is ready.").waitFor();
    const token = await slipRegion.getByLabel("Slip (signed)").inputValue();
    expect(token.split(".")).toHaveLength(3);
    await screenshot(guest, JOURNEY, "2-room-slip-ready");
    await expectNoAxeViolations(guest, "room with the issued slip");

    // "Print your slip" opens the printable page in a new tab; the meeting stays open in this one.
    const [sheet] = await Promise.all([
      guestContext.waitForEvent("page"),
      slipRegion.getByRole("link", { name: "Print your slip" }).click(),
    ]);
    await sheet.getByRole("heading", { name: "Attendance slip", level: 1 }).waitFor();
    const facts = (await sheet.locator(".slip-facts").textContent()) ?? "";
    for (const fact of [NAME, meeting.name, "Lakeside Home Group", "America/Chicago", "the meeting's host"])
      expect(facts).toContain(fact);
    expect(facts).toMatch(/slip_[\w-]{16,}/);
    expect(await guest.getByRole("region", { name: "Proof of attendance" }).isVisible()).toBe(true);
    const url = `${base()}/verify#slip=${token}`;
    expect(await drawnQr(sheet)).toEqual(expectedQr(url));
    await expectNoAxeViolations(sheet, "printable slip");
    await sheet.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }");
    await sheet.getByRole("button", { name: "Print or save as PDF" }).click();
    expect(await sheet.evaluate("window.__printed")).toBe(1);
    await sheet.emulateMedia({ media: "print" });
    expect(await sheet.locator(".site-header").isVisible()).toBe(false);
    expect(await sheet.getByRole("button", { name: "Print or save as PDF" }).isVisible()).toBe(false);
    expect(await sheet.locator("svg.slip-qr").isVisible()).toBe(true);
    await screenshot(sheet, JOURNEY, "3-print-view");
    for (const format of ["A4", "Letter"] as const) {
      const pdf = await sheet.pdf({ format, path: join(ARTIFACTS, JOURNEY, `slip-${format}.pdf`) });
      expect(pdfPages(pdf), `${format} pages`).toBe(1);
    }
    await sheet.emulateMedia({ media: null });
    await sheet.locator(".site-header select").selectOption("es");
    await sheet.getByRole("heading", { name: "Constancia de asistencia", level: 1 }).waitFor();
    await sheet.getByText("el anfitrión de la reunión").waitFor();
    await screenshot(sheet, JOURNEY, "4-print-es");
    await sheet.locator(".site-header select").selectOption("en");

    // A clerk, on another device, opens the QR code's link: checked in their browser.
    const clerkContext = await newContext(browser, base(), {
      viewport: DESKTOP,
      bypassCSP: true,
      timezoneId: "America/New_York",
    });
    watchForLeaks(clerkContext, leaks);
    const clerk = await clerkContext.newPage();
    await clerk.goto(url);
    const result = clerk.getByRole("status");
    await result.getByText("Valid slip: signed by this site.").waitFor();
    for (const fact of [meeting.name, "Lakeside Home Group", "America/Chicago", "the meeting's host"])
      expect(await result.textContent()).toContain(fact);
    await result.getByText(/Signing keys fetched/).waitFor();
    await verify(clerk, token, "ana maría  PÉREZ");
    await result.getByText("Name: matches the slip.").waitFor();
    await screenshot(clerk, JOURNEY, "5-verify-valid");
    await expectNoAxeViolations(clerk, "verify page, valid slip");
    await verify(clerk, token, "Someone Else");
    await result.getByText("Name: does NOT match the slip.").waitFor();
    await verify(clerk, tamper(token), "");
    await result.getByText("Not valid.").waitFor();
    await result.getByText("The signature does not match: the slip was changed or forged.").waitFor();
    await screenshot(clerk, JOURNEY, "6-verify-tampered");
    await expectNoAxeViolations(clerk, "verify page, tampered slip");
    await verify(clerk, "not-a-slip", "");
    await result.getByText(/This is not an attendance slip/).waitFor();

    // Offline after one load: the keys kept on this device still verify, and the page says so.
    await clerkContext.setOffline(true);
    await verify(clerk, token, NAME);
    await result.getByText("Name: matches the slip.").waitFor();
    await result.getByText(/Offline: using the signing keys fetched/).waitFor();
    await verify(clerk, tamper(token), "");
    await result.getByText("Not valid.").waitFor();
    await clerk.locator(".site-header select").selectOption("es");
    await clerk.getByRole("heading", { name: "Verificar una constancia de asistencia" }).waitFor();
    await verify(clerk, token, "Alguien Más");
    await result.getByText("Constancia válida: firmada por este sitio.").waitFor();
    await result.getByText("Nombre: NO coincide con la constancia.").waitFor();
    await result.getByText(/Sin conexión/).waitFor();
    await screenshot(clerk, JOURNEY, "7-verify-offline-es");
    await expectNoAxeViolations(clerk, "verify page offline, Spanish");
    await clerkContext.setOffline(false);

    // The host ends the meeting: the slip stays printable from the attendee's end screen.
    await host.getByRole("button", { name: "End meeting for everyone" }).click();
    await host.getByRole("button", { name: "Yes, end the meeting" }).click();
    await guest.getByRole("heading", { name: "Keep coming back" }).waitFor();
    await guest.getByRole("link", { name: "Print your slip" }).click();
    await guest.getByRole("heading", { name: "Attendance slip", level: 1 }).waitFor();
    expect(await guest.locator(".slip-name").textContent()).toBe(NAME);

    expect(leaks).toEqual([]);
    await clerkContext.close();
    await guestContext.close();
    await hostContext.close();
  });
});
