import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshot } from "./browser";
import { agentFor, apiFromPage, base, CHICAGO, DESKTOP, expectNoAxeViolations, signIn } from "./dashboard-helpers";

/**
 * An intergroup moves its directory here: a secretary uploads a Meeting Guide feed (the spec
 * package's sample, through the page's real file input), reads the dry-run preview, applies it,
 * and finds the meetings in the group's list and in the public directory.
 */
const SAMPLE = resolve(import.meta.dirname, "..", "test", "meeting-guide-samples", "intergroup.json");
/** Items of the sample the import accepts; it refuses the other five (no schedule, bad time, no name, bad zone, a repeated slug). */
const ACCEPTED = ["Sunday Serenity", "Noon Online", "Hybrid Step Study", "Early Risers"];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo secretary, signed in (in English: the sign-in helper reads English labels), on the Chicago group. */
async function secretaryPage(who: string): Promise<Page> {
  // bypassCSP: axe is injected as a script, which the app's CSP (script-src 'self') rightly refuses.
  const context = await newContext(browser, base(), {
    userAgent: agentFor(who),
    locale: "en-US",
    viewport: DESKTOP,
    timezoneId: "America/Chicago",
    bypassCSP: true,
  });
  const page = await context.newPage();
  await signIn(page, "secretary@meetinghouse.test");
  await page.getByLabel("Group", { exact: true }).selectOption(CHICAGO);
  return page;
}

describe("importing a Meeting Guide feed from the dashboard", () => {
  it("previews, applies, and the meetings show in the list and the public directory; a bad file is refused at the field", async () => {
    const page = await secretaryPage("import-en");
    await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Meetings" }).click();
    await page.getByRole("link", { name: "Import a directory" }).click();
    await page.getByRole("heading", { name: "Import a directory" }).waitFor();
    await expectNoAxeViolations(page);

    // A file that is not JSON: a sentence at the field, which names it; nothing is sent.
    const field = page.getByLabel("Meeting Guide feed (.json)");
    await field.setInputFiles({
      name: "notes.json",
      mimeType: "application/json",
      buffer: Buffer.from("this is not a feed"),
    });
    const refusal = page.locator("#import-file-error");
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe("That file is not a JSON feed.");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.getAttribute("aria-describedby")).toBe("import-file-error");
    await expectNoAxeViolations(page);

    // The real sample: the dry run lists every item with its result.
    await field.setInputFiles(SAMPLE);
    const status = page.getByRole("status");
    await status.getByText(/^Preview:/).waitFor();
    expect(await refusal.count()).toBe(0);
    const preview = (await status.textContent()) ?? "";
    const created = Number(/(\d+) to create/.exec(preview)?.[1]);
    const updated = Number(/(\d+) to update/.exec(preview)?.[1]);
    expect(created + updated).toBe(ACCEPTED.length);
    expect(preview).toContain("5 refused");
    const rows = page.locator("table.dash-table tbody tr");
    expect(await rows.count()).toBe(9);
    for (const name of ACCEPTED)
      expect(await rows.filter({ hasText: name }).first().textContent()).toMatch(/Create|Update/);
    for (const name of ["By Appointment", "Bad Zone", "Noon Online again"])
      expect(await rows.filter({ hasText: name }).textContent()).toContain("Refused");
    await screenshot(page, "feed-import", "preview");
    await expectNoAxeViolations(page);

    // Nothing was written by the preview.
    const before = await apiFromPage<{ items: { name: string }[] }>(page, `/api/groups/${CHICAGO}/meetings`);
    const hadSunday = before.body.items.some((m) => m.name === "Sunday Serenity");
    expect(hadSunday).toBe(created === 0);

    await page.getByRole("button", { name: "Apply the import" }).click();
    await status.getByText(/^Imported:/).waitFor();
    expect(await status.textContent()).toContain("5 refused");
    await screenshot(page, "feed-import", "applied");

    // The group's meetings list now has them.
    await page.getByRole("link", { name: "Back to meetings" }).click();
    await page.getByRole("heading", { name: "Meetings", exact: true }).waitFor();
    for (const name of ACCEPTED) await page.getByRole("link", { name }).first().waitFor();

    // The public directory lists a weekday one (Noon Online meets Monday to Friday).
    const visitor = await (await newContext(browser, base(), { timezoneId: "America/New_York" })).newPage();
    await visitor.goto("/");
    await visitor.locator('input[type="search"]').fill("Noon Online");
    await visitor
      .getByRole("link", { name: /Noon Online/ })
      .first()
      .waitFor();
    await visitor.context().close();

    // The meeting form's place fields (attendance option and venue), on an imported hybrid meeting.
    await page.getByRole("link", { name: "Hybrid Step Study" }).first().click();
    await page.getByRole("heading", { name: "Edit Hybrid Step Study" }).waitFor();
    const attendance = page.getByLabel("How people attend");
    expect(await attendance.inputValue()).toBe("hybrid");
    await page.getByLabel("Street address").waitFor();
    await expectNoAxeViolations(page);
    await attendance.selectOption("in_person");
    await page.getByLabel("Wheelchair accessible").waitFor();
    await expectNoAxeViolations(page);
    await attendance.selectOption("online");
    await page.getByLabel("Approximate place (e.g. Chicago, IL, USA)").waitFor();
    expect(await page.getByLabel("Street address").count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it("renders the import page and the place fields in Spanish, axe clean", async () => {
    const page = await secretaryPage("import-es");
    await page.getByLabel("Language").selectOption("es");
    await page.getByLabel("Grupo", { exact: true }).waitFor();
    await page.goto("/service/meetings/import");
    await page.getByRole("heading", { name: "Importar un directorio" }).waitFor();
    await page
      .getByLabel("Feed de Meeting Guide (.json)")
      .setInputFiles({ name: "roto.json", mimeType: "application/json", buffer: Buffer.from("{") });
    expect(await page.locator("#import-file-error").textContent()).toBe("El archivo no es un feed JSON.");
    await expectNoAxeViolations(page);

    await page.goto("/service/meetings/new");
    const attendance = page.getByLabel("Cómo se asiste");
    await attendance.waitFor();
    await attendance.selectOption("hybrid");
    await page.getByLabel("Dirección", { exact: true }).waitFor();
    await page.getByLabel("Ciudad", { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
