import { rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessToken,
  base,
  createMeeting,
  expectNoAxeViolations,
  hostOpensRoom,
  localSlot,
  meetingStartingSoon,
  signInBrowser,
  tabTo,
  traceSockets,
} from "./attendee-support";
import { ARTIFACTS, launchBrowser, newContext, screenshot } from "./browser";

const DOCS = resolve(import.meta.dirname, "..", "docs", "screenshots");
/** README screenshots are rewritten only on request, so a test run leaves the work tree clean. */
const UPDATE_README = process.env.UPDATE_README_SCREENSHOTS === "1";
const GUEST_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
const DESKTOP = { width: 1280, height: 800 };
const PASSCODE = "serenity-42";
/**
 * Runs in the page before the app: records every WebSocket so a test can drop one. While
 * `window.__cut` is set, new sockets dial a closed port: reconnects fail until the test lets them through.
 */
const SOCKET_SPY = `(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.__cut = false;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(window.__cut ? "ws://127.0.0.1:9/" : url, protocols);
      window.__sockets.push(this);
    }
  };
})()`;

let browser: Browser;
let secretaryToken: string;

beforeAll(async () => {
  for (const journey of ["journey-1", "journey-3"]) rmSync(resolve(ARTIFACTS, journey, "sockets.log"), { force: true });
  browser = await launchBrowser();
  secretaryToken = await accessToken("secretary@meetinghouse.test");
});

afterAll(async () => {
  await browser?.close();
});

describe("attendee journeys (headless Chromium)", () => {
  it("1. a guest finds a passcode meeting, is admitted from the waiting room, chats, is muted, then removed for good", async () => {
    const meeting = await meetingStartingSoon(secretaryToken, "Serenity Journey", {
      passcode: PASSCODE,
      waitingRoom: true,
    });
    const hostContext = await newContext(browser, base(), { viewport: DESKTOP });
    const host = await signInBrowser(hostContext, "host@meetinghouse.test");
    traceSockets(host, "journey-1", "host");
    await hostOpensRoom(host, meeting);

    const guestContext = await newContext(browser, base(), { userAgent: GUEST_UA });
    const guest = await guestContext.newPage();
    traceSockets(guest, "journey-1", "guest");
    await guest.goto("/");
    const live = guest.getByRole("region", { name: "In progress — live now" });
    await live.getByRole("link", { name: meeting.name, exact: true }).waitFor();
    await screenshot(guest, "journey-1", "01-directory-live");
    await live.getByRole("link", { name: meeting.name, exact: true }).click();
    await guest.getByRole("heading", { name: meeting.name, level: 1 }).waitFor();
    await guest.getByRole("link", { name: "Join now" }).click();

    await guest.getByLabel("Your first name (or Guest)").fill("Ana");
    await guest.getByLabel("Meeting passcode").fill("not-the-code");
    await guest.getByRole("button", { name: "Join", exact: true }).click();
    await expect.poll(() => guest.getByRole("alert").textContent()).toContain("That passcode didn't work");
    await expect.poll(() => guest.getByRole("alert").textContent()).toContain("4 tries left");
    await screenshot(guest, "journey-1", "02-wrong-passcode");
    await guest.getByLabel("Meeting passcode").fill(PASSCODE);
    await guest.getByRole("button", { name: "Join", exact: true }).click();
    await guest.getByRole("heading", { name: "You're in the waiting room" }).waitFor();
    await screenshot(guest, "journey-1", "03-waiting-room");

    await host.getByRole("button", { name: "Admit Ana" }).click();
    await guest.getByRole("heading", { name: "Chat" }).waitFor();
    await guest.getByLabel("Your message").fill("Hello, I'm Ana, glad to be here.");
    await guest.getByLabel("Your message").press("Enter");
    const hostChat = host.getByRole("list", { name: "Chat messages" });
    await hostChat.getByText("Hello, I'm Ana, glad to be here.").waitFor();
    await host.getByLabel("Your message").fill("Welcome, Ana!");
    await host.getByRole("button", { name: "Send", exact: true }).click();
    await guest.getByRole("list", { name: "Chat messages" }).getByText("Welcome, Ana!").waitFor();
    // A raised hand reaches the host's roster; the host's share timer reaches the guest.
    await guest.getByRole("button", { name: "Raise hand" }).click();
    await host.getByText("Hand raised #1").waitFor();
    await host.getByRole("button", { name: "Start timer" }).click();
    await expect.poll(() => guest.locator(".share-timer").textContent()).toMatch(/Share time left: [23]:\d\d/);
    await screenshot(guest, "journey-1", "04-in-the-room");
    await screenshot(host, "journey-1", "05-room-host");
    await host.evaluate("window.scrollTo(0, 0)");
    await host.screenshot({ path: resolve(UPDATE_README ? DOCS : resolve(ARTIFACTS, "journey-1"), "room-host.png") });

    // Mute: the guest's composer says so, and the room refuses their words even over HTTP.
    await host.getByText("Actions — Ana").click();
    await host.getByRole("button", { name: "Mute", exact: true }).click();
    await expect.poll(() => guest.locator("#composer-state").textContent()).toContain("The host has muted you");
    expect(await guest.getByLabel("Your message").isDisabled()).toBe(true);
    const occurrenceId = new URL(guest.url()).pathname.split("/").at(-1) ?? "";
    const mirrored = await guest.evaluate(async (occ) => {
      const session = JSON.parse(sessionStorage.getItem(`mh.room.${occ}`) ?? "{}") as { sessionToken?: string };
      const res = await fetch(`/api/occurrences/${occ}/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${session.sessionToken}` },
        body: JSON.stringify({ text: "muted words" }),
      });
      return res.status;
    }, occurrenceId);
    expect(mirrored).toBe(403);
    await screenshot(guest, "journey-1", "06-muted");
    await host.getByLabel("Your message").fill("Still here for you.");
    await host.getByRole("button", { name: "Send", exact: true }).click();
    const guestChat = guest.getByRole("list", { name: "Chat messages" });
    await guestChat.getByText("Still here for you.").waitFor();
    expect(await hostChat.getByText("muted words").count()).toBe(0);
    expect(await guestChat.getByText("muted words").count()).toBe(0);

    // Remove: the guest sees it, and a new join through the gate is refused.
    // The actions disclosure stays open after "Mute" (hosts often act twice in a row).
    await host.getByRole("button", { name: "Remove", exact: true }).click();
    await host.getByRole("button", { name: "Yes, remove" }).click();
    await guest.getByRole("heading", { name: "The host removed you from this meeting." }).waitFor();
    await screenshot(guest, "journey-1", "07-removed");
    await guest.goto(`/m/${meeting.slug}/join`);
    await guest.getByLabel("Your first name (or Guest)").fill("Ana");
    await guest.getByLabel("Meeting passcode").fill(PASSCODE);
    await guest.getByRole("button", { name: "Join", exact: true }).click();
    await expect.poll(() => guest.getByRole("alert").textContent()).toContain("you can't rejoin it");
    await screenshot(guest, "journey-1", "08-rejoin-refused");
    await expect.poll(() => host.getByRole("list", { name: "Chat messages" }).isVisible()).toBe(true);
    await guestContext.close();
    await hostContext.close();
  });

  it("2. a viewer in Asia/Tokyo sees a Chicago meeting at the right local time with both zone labels, in English and Spanish", async () => {
    const stamp = Date.now().toString(36);
    const meeting = await createMeeting(secretaryToken, {
      groupId: "grp_demo_chicago",
      name: `Lakeside Evening Reflections ${stamp}`,
      slug: `e2e-tokyo-${stamp}`,
      types: ["C", "DR"],
      languages: ["EN"],
      timezone: "America/Chicago",
      schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "19:00", durationMinutes: 60 },
      visibility: "public",
      waitingRoom: false,
      chatRetention: "end",
    });
    const context = await newContext(browser, base(), { timezoneId: "Asia/Tokyo", locale: "en-US", viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`/m/${meeting.slug}`);
    const next = page.locator(".upcoming li").first();
    await next.waitFor();
    const at = Number(new Date((await next.locator("time").getAttribute("datetime")) ?? ""));
    // The instant really is 19:00 in Chicago…
    expect(localSlot(at, "America/Chicago").time).toBe("19:00");
    // …and the page shows it in Tokyo's clock (computed here independently) and in Chicago's, each labelled.
    const tokyo = new Intl.DateTimeFormat("en-US", {
      timeZone: "Asia/Tokyo",
      hour: "numeric",
      minute: "2-digit",
    }).format(at);
    const text = (await next.textContent()) ?? "";
    expect(text).toMatch(new RegExp(`${tokyo} (JST|UTC\\+9|GMT\\+9)`));
    expect(text).toMatch(/7:00 PM C[SD]T where the meeting is/);
    await screenshot(page, "journey-2", "01-tokyo-english");

    await page.getByLabel("Language").selectOption("es");
    await expect.poll(async () => (await next.textContent()) ?? "").toMatch(/19:00 C[SD]T donde es la reunión/);
    const tokyoEs = new Intl.DateTimeFormat("es", {
      timeZone: "Asia/Tokyo",
      hour: "numeric",
      minute: "2-digit",
    }).format(at);
    expect(await next.textContent()).toContain(tokyoEs);
    await page.reload();
    await expect
      .poll(async () => (await page.locator(".upcoming li").first().textContent()) ?? "")
      .toContain("donde es la reunión");
    await screenshot(page, "journey-2", "02-tokyo-spanish");

    await page.goto("/");
    await page.getByRole("link", { name: meeting.name, exact: true }).waitFor();
    await screenshot(page, "journey-2", "03-directory-spanish");
    await page.getByLabel("Idioma", { exact: true }).selectOption("en");
    await page.getByRole("link", { name: meeting.name, exact: true }).waitFor();
    await screenshot(page, "journey-2", "04-directory-english");
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: resolve(UPDATE_README ? DOCS : resolve(ARTIFACTS, "journey-2"), "directory.png") });
    await context.close();
  });

  it("a meeting that has not opened yet says when it starts, with a countdown", async () => {
    const slot = localSlot(Date.now() + 3 * 3_600_000, "America/Chicago");
    const stamp = Date.now().toString(36);
    const later = await createMeeting(secretaryToken, {
      groupId: "grp_demo_chicago",
      name: `Later Today ${stamp}`,
      slug: `e2e-later-${stamp}`,
      types: ["O"],
      languages: ["EN"],
      timezone: "America/Chicago",
      schedule: { days: [slot.day], startTime: slot.time, durationMinutes: 60 },
      visibility: "public",
      waitingRoom: false,
      chatRetention: "end",
    });
    const context = await newContext(browser, base(), { userAgent: `${GUEST_UA} early` });
    const page = await context.newPage();
    await page.goto(`/m/${later.slug}/join`);
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("isn't open yet");
    await expect.poll(() => page.locator(".countdown").textContent()).toMatch(/It starts in [23]:\d\d:\d\d\./);
    await screenshot(page, "journey-early", "not-live-countdown");
    await context.close();
  });

  it("after five wrong passcodes the gate asks to wait, and the form counts down with the button resting", async () => {
    const meeting = await meetingStartingSoon(secretaryToken, "Guess Limit", {
      passcode: PASSCODE,
      waitingRoom: false,
    });
    const context = await newContext(browser, base(), { userAgent: `${GUEST_UA} guesser` });
    const page = await context.newPage();
    await page.goto(`/m/${meeting.slug}/join`);
    const join = page.getByRole("button", { name: "Join", exact: true });
    for (let guess = 1; guess <= 5; guess++) {
      await page.getByLabel("Meeting passcode").fill(`wrong-${guess}`);
      await join.click();
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("That passcode didn't work");
    }
    await page.getByLabel("Meeting passcode").fill(PASSCODE);
    await join.click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Too many tries");
    await expect.poll(() => page.locator(".countdown").textContent()).toMatch(/You can try again in 1[45]:\d\d\./);
    expect(await join.isDisabled()).toBe(true);
    await screenshot(page, "journey-guesses", "too-many-tries");
    await context.close();
  });

  it("3. axe-core finds nothing on the directory, meeting page, join, waiting room and room (attendee and host)", async () => {
    const meeting = await meetingStartingSoon(secretaryToken, "Axe Check", { passcode: null, waitingRoom: true });
    // axe is injected as a script tag, which the app's CSP (rightly) refuses: bypass it for the audit only.
    const hostContext = await newContext(browser, base(), { viewport: DESKTOP, bypassCSP: true });
    const host = await signInBrowser(hostContext, "host@meetinghouse.test");
    traceSockets(host, "journey-3", "host");
    await hostOpensRoom(host, meeting);

    const guestContext = await newContext(browser, base(), { userAgent: `${GUEST_UA} axe`, bypassCSP: true });
    // Test-only instrumentation: keep a handle on the page's sockets so the test can cut one.
    await guestContext.addInitScript(SOCKET_SPY);
    const guest = await guestContext.newPage();
    traceSockets(guest, "journey-3", "guest");
    await guest.goto("/");
    await guest.getByRole("link", { name: meeting.name, exact: true }).waitFor();
    await expectNoAxeViolations(guest, "directory");
    await guest.goto(`/m/${meeting.slug}`);
    await guest.getByRole("heading", { name: meeting.name, level: 1 }).waitFor();
    await expectNoAxeViolations(guest, "meeting page");
    await guest.goto(`/m/${meeting.slug}/join`);
    await guest.getByLabel("Your first name (or Guest)").waitFor();
    await expectNoAxeViolations(guest, "join");
    // Keyboard only: Tab to the name, type it, Enter to join.
    await tabTo(guest, guest.getByLabel("Your first name (or Guest)"));
    await guest.keyboard.type("Sol");
    await guest.keyboard.press("Enter");
    await guest.getByRole("heading", { name: "You're in the waiting room" }).waitFor();
    await expectNoAxeViolations(guest, "waiting room");
    await host.getByRole("button", { name: "Admit Sol" }).click();
    await guest.getByRole("heading", { name: "Chat" }).waitFor();
    await guest.getByLabel("Your message").fill("Thanks for having me.");
    await guest.getByLabel("Your message").press("Enter");
    await host.getByRole("list", { name: "Chat messages" }).getByText("Thanks for having me.").waitFor();
    await expectNoAxeViolations(guest, "room (attendee)");
    // A reload reconnects as the same participant (resume with the room session): no duplicate seat.
    await guest.reload();
    await guest.getByRole("list", { name: "Chat messages" }).getByText("Thanks for having me.").waitFor();
    await host.getByRole("list", { name: "Chat messages" }).getByText("Thanks for having me.").waitFor();
    await expect.poll(() => host.locator(".roster .person", { hasText: "Sol" }).count()).toBe(1);

    // A dropped connection: the banner says so (reconnects are cut off to keep it visible), then the
    // same seat comes back in one round trip (resume subprotocol) and chat flows again.
    await guest.evaluate("window.__cut = true; window.__sockets.at(-1).close()");
    await guest.getByText("Connection lost — reconnecting…").waitFor();
    await screenshot(guest, "journey-3", "reconnecting");
    await guest.evaluate("window.__cut = false");
    await expect.poll(() => guest.locator(".reconnecting").count()).toBe(0);
    await guest.getByLabel("Your message").fill("Back again.");
    await guest.getByLabel("Your message").press("Enter");
    await host.getByRole("list", { name: "Chat messages" }).getByText("Back again.").waitFor();
    // One seat per person, however often they reconnect.
    await expect.poll(() => host.locator(".roster .person", { hasText: "Sol" }).count()).toBe(1);
    expect(await guest.locator(".roster .person", { hasText: "Sol" }).count()).toBe(1);
    await host.getByText("Actions — Sol").click();
    await host.getByRole("button", { name: "Suspend all activity" }).click();
    await expectNoAxeViolations(host, "room (host, actions and a confirmation open)");
    await screenshot(host, "journey-3", "room-host");
    await host.getByRole("button", { name: "Cancel" }).click();

    // Room-wide controls reach the attendee at once: chat off, then the end of the meeting.
    await host.getByLabel("Who can chat").selectOption("off");
    await expect.poll(() => guest.locator("#composer-state").textContent()).toBe("Chat is off right now.");
    await host.getByRole("button", { name: "End meeting for everyone" }).click();
    await host.getByRole("button", { name: "Yes, end the meeting" }).click();
    await guest.getByRole("heading", { name: "Keep coming back" }).waitFor();
    await expectNoAxeViolations(guest, "meeting ended");
    await guestContext.close();
    await hostContext.close();
  });
});
