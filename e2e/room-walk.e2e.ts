import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessToken,
  base,
  createMeeting,
  expectNoAxeViolations,
  hostOpensRoom,
  localSlot,
  signInBrowser,
} from "./attendee-support";
import { launchBrowser, newContext, screenshot } from "./browser";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
/** Counts the chime's tones: every oscillator the page starts (the chime is made with WebAudio). */
const TONE_COUNTER = `(() => {
  window.__tones = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { window.__tones += 1; return start.apply(this, args); };
})()`;

let browser: Browser;
let secretaryToken: string;

beforeAll(async () => {
  browser = await launchBrowser();
  secretaryToken = await accessToken("secretary@meetinghouse.test");
});

afterAll(async () => {
  await browser?.close();
});

/** Fully inside the first screen of a viewport `height` tall (no scrolling needed). */
async function onFirstScreen(page: Page, name: string, height: number): Promise<void> {
  const box = await page.getByRole("button", { name, exact: true }).boundingBox();
  expect(box, name).not.toBeNull();
  expect(box && box.y >= 0 && box.y + box.height <= height, `${name} at ${JSON.stringify(box)}`).toBe(true);
}

async function joinAs(page: Page, slug: string, name: string): Promise<void> {
  await page.goto(`/m/${slug}/join`);
  await page.getByLabel("Your first name (or Guest)").fill(name);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("heading", { name: "You're in the waiting room" }).waitFor();
}

describe("the room walk (issue 15, points 4 and 6-9)", () => {
  it("phone layout, knock badge and chime, share timer, hiding, one report item and dismiss, resume, confirm remove, the Seventh Tradition, and Keep coming back in en + es", async () => {
    const slot = localSlot(Date.now() + 3 * 60_000, "America/Chicago");
    const stamp = Date.now().toString(36);
    const meeting = await createMeeting(secretaryToken, {
      groupId: "grp_demo_chicago",
      name: `Room Walk ${stamp}`,
      slug: `e2e-room-walk-${stamp}`,
      types: ["O"],
      languages: ["EN"],
      timezone: "America/Chicago",
      schedule: { days: [slot.day], startTime: slot.time, durationMinutes: 60 },
      visibility: "public",
      passcode: null,
      waitingRoom: true,
      chatRetention: "end",
      seventhTradition: { venmo: "@lakeside-seventh" },
    });

    // 4. The host on a phone: chat, composer and Raise hand on the first screen; controls in the bottom bar.
    const hostContext = await newContext(browser, base(), {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    await hostContext.addInitScript(TONE_COUNTER);
    const host = await signInBrowser(hostContext, "host@meetinghouse.test");
    await hostOpensRoom(host, meeting);
    await onFirstScreen(host, "Send", PHONE.height);
    await onFirstScreen(host, "Raise hand", PHONE.height);
    const badge = host.getByRole("button", { name: /^Waiting room/ });
    expect(await badge.textContent()).toContain("0");
    // The chime is off until the host turns it on (kept on this device).
    const chime = host.getByLabel("Soft chime when someone knocks (on this device)");
    expect(await chime.isChecked()).toBe(false);
    await chime.check();
    expect(await host.evaluate<string | null>('localStorage.getItem("mh.knockChime")')).toBe("on");

    const guestContext = await newContext(browser, base(), {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    const guest = await guestContext.newPage();
    await joinAs(guest, meeting.slug, "Ana");
    await expect.poll(() => badge.textContent()).toContain("1");
    expect(await badge.textContent()).toContain("1 person waiting");
    await expect.poll(() => host.getByText("Someone is waiting").count()).toBe(1);
    await expect.poll(() => host.evaluate<number>("window.__tones")).toBeGreaterThanOrEqual(2);
    // The badge takes the host to the waiting list.
    await badge.click();
    await expect
      .poll(() => host.evaluate<string>("document.activeElement && document.activeElement.id"))
      .toBe("waiting-list-title");
    await screenshot(host, "room-walk", "01-host-phone-knock");
    await host.getByRole("button", { name: "Admit Ana" }).click();
    await guest.getByRole("heading", { name: "Chat" }).waitFor();
    await onFirstScreen(guest, "Send", PHONE.height);
    await onFirstScreen(guest, "Raise hand", PHONE.height);
    await expectNoAxeViolations(guest, "room, attendee, phone");
    await screenshot(guest, "room-walk", "02-guest-phone");

    // A laptop attendee: the bar sits under the chat, nothing fixed over the roster.
    const boContext = await newContext(browser, base(), { viewport: LAPTOP, bypassCSP: true });
    const bo = await boContext.newPage();
    await joinAs(bo, meeting.slug, "Bo");
    await host.getByRole("button", { name: "Admit Bo" }).click();
    await bo.getByRole("heading", { name: "Chat" }).waitFor();
    const chatBox = await bo.getByRole("list", { name: "Chat messages" }).boundingBox();
    const barBox = await bo.getByRole("region", { name: "Your actions" }).boundingBox();
    expect(chatBox && barBox && barBox.y >= chatBox.y + chatBox.height).toBe(true);
    await expectNoAxeViolations(bo, "room, attendee, laptop");

    // 6. A 1-minute share timer first shows 1:00, never 1:01.
    await host.getByLabel("Share timer").selectOption("1");
    await host.getByRole("button", { name: "Start timer" }).click();
    await expect.poll(() => bo.locator(".share-timer strong").textContent()).toMatch(/^(1:00|0:5\d)$/);

    // 6. Hide another attendee's messages for yourself; Show hidden brings them back.
    await bo.getByLabel("Your message").fill("message me on telegram");
    await bo.getByLabel("Your message").press("Enter");
    const anaChat = guest.getByRole("list", { name: "Chat messages" });
    await anaChat.getByText("message me on telegram").waitFor();
    await anaChat.getByRole("button", { name: "Hide their messages — Bo" }).click();
    await expect.poll(() => anaChat.getByText("message me on telegram").count()).toBe(0);
    await guest.getByText("1 message hidden by you").waitFor();
    await guest.getByRole("button", { name: "Show hidden" }).click();
    await anaChat.getByText("message me on telegram").waitFor();
    await guest.getByRole("button", { name: "Hide them again" }).click();
    await expect.poll(() => anaChat.getByText("message me on telegram").count()).toBe(0);
    await guest.getByRole("button", { name: "Show hidden" }).click();
    // 6. Reported and auto-flagged: one item in the host's queue, with both reasons; Dismiss clears it.
    await anaChat.getByRole("button", { name: "Report — Bo" }).click();
    const queue = host.getByRole("region", { name: /^Reports/ });
    await queue.getByText("Reported by 1 person").waitFor();
    expect(await queue.getByRole("listitem").count()).toBe(1);
    expect(await queue.getByText(/Flagged automatically/).count()).toBe(1);
    await host.getByRole("heading", { name: "Reports (1)" }).waitFor();
    await queue.getByRole("button", { name: "Dismiss — Bo" }).click();
    await host.getByRole("heading", { name: "Reports (0)" }).waitFor();

    // 8. Suspend all, then Resume meeting restores the room in one step.
    await host.getByRole("button", { name: "Suspend all activity" }).click();
    await host.getByRole("button", { name: "Yes, suspend now" }).click();
    await expect.poll(() => bo.getByLabel("Your message").isDisabled()).toBe(true);
    await host.getByRole("button", { name: "Resume meeting" }).click();
    await expect.poll(() => bo.getByLabel("Your message").isDisabled()).toBe(false);
    await expect.poll(() => host.locator(".room-meta .pill", { hasText: "Locked" }).count()).toBe(0);
    await bo.getByText("The host resumed the meeting.").waitFor();

    // 7. The Seventh Tradition from the room's bar.
    await guest.getByRole("link", { name: "7th Tradition" }).click();
    await guest.getByRole("link", { name: /Venmo: @lakeside-seventh/ }).waitFor();

    // 8. Remove asks first, as Ban does.
    await host.getByText("Actions — Bo").click();
    await host.getByRole("button", { name: "Remove", exact: true }).click();
    await host.getByText("Remove Bo from this meeting?").waitFor();
    expect(await bo.getByRole("heading", { name: "The host removed you from this meeting." }).count()).toBe(0);
    await host.getByRole("button", { name: "Yes, remove" }).click();
    await bo.getByRole("heading", { name: "The host removed you from this meeting." }).waitFor();
    await expectNoAxeViolations(host, "room, host, phone");

    // 7. The end: a calm "Keep coming back" with the group's next meeting, in Spanish for Ana.
    await guest.getByLabel("Language").selectOption("es");
    await host.getByRole("button", { name: "End meeting for everyone" }).click();
    await host.getByRole("button", { name: "Yes, end the meeting" }).click();
    await guest.getByRole("heading", { name: "Sigue viniendo" }).waitFor();
    await guest.getByText("La próxima reunión de Lakeside Home Group:").waitFor();
    await host.getByRole("heading", { name: "Keep coming back" }).waitFor();
    await host.getByText("The next meeting of Lakeside Home Group:").waitFor();
    await expectNoAxeViolations(guest, "end screen, es, phone");
    await screenshot(guest, "room-walk", "03-keep-coming-back-es");
    for (const c of [hostContext, guestContext, boContext]) await c.close();
  });
});
