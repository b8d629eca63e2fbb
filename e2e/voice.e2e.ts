import { rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessToken,
  base,
  type Created,
  expectNoAxeViolations,
  hostOpensRoom,
  meetingStartingSoon,
  pause,
  signInBrowser,
  traceSockets,
} from "./attendee-support";
import { ARTIFACTS, launchVoiceBrowser, newContext, screenshot } from "./browser";

const JOURNEY = "voice";
const DESKTOP = { width: 1280, height: 800 };
/**
 * Runs in the page before the app: records every RTCPeerConnection the page makes, so the journey
 * reads the real connection's getStats() without the production code exposing anything.
 */
const PEER_SPY = `(() => {
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
})()`;

/** Bytes of audio RTP this page received (inbound-rtp over all its connections). */
async function inboundBytes(page: Page): Promise<number> {
  return (await page.evaluate(`(async () => {
    let total = 0;
    for (const pc of window.__pcs) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((s) => { if (s.type === "inbound-rtp" && s.kind === "audio") total += s.bytesReceived; });
    }
    return total;
  })()`)) as number;
}

/** Bytes of audio RTP this page sent (outbound-rtp over all its connections). */
async function outboundBytes(page: Page): Promise<number> {
  return (await page.evaluate(`(async () => {
    let total = 0;
    for (const pc of window.__pcs) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((s) => { if (s.type === "outbound-rtp" && s.kind === "audio") total += s.bytesSent; });
    }
    return total;
  })()`)) as number;
}

/** Highest audio level (0–1) among the tracks this page receives. */
async function inboundLevel(page: Page): Promise<number> {
  return (await page.evaluate(`(async () => {
    let level = 0;
    for (const pc of window.__pcs) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((s) => { if (s.type === "inbound-rtp" && s.kind === "audio" && typeof s.audioLevel === "number") level = Math.max(level, s.audioLevel); });
    }
    return level;
  })()`)) as number;
}

/** Waits until `read` grows by more than `by` over its value now; returns the new value. */
async function grows(read: () => Promise<number>, by = 2000): Promise<number> {
  const start = await read();
  let now = start;
  await expect.poll(async () => (now = await read()), { timeout: 60_000, interval: 300 }).toBeGreaterThan(start + by);
  return now;
}

/**
 * Waits until two readings ~300 ms apart are equal, then asserts that the next four readings stay
 * equal too (about 1 s more of the same number). Count-based: no assertion on durations.
 */
async function stopsGrowing(read: () => Promise<number>): Promise<number> {
  let previous = await read();
  for (let i = 0; i < 200; i++) {
    await pause(300);
    const now = await read();
    if (now === previous) break;
    previous = now;
  }
  const readings: number[] = [];
  for (let i = 0; i < 4; i++) {
    await pause(300);
    readings.push(await read());
  }
  expect(readings).toEqual([previous, previous, previous, previous]);
  return previous;
}

/** A modified client: after the room closed its microphone, the page sends a fresh fake track anyway. */
async function keepSendingAnyway(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const pc of window.__pcs) {
      if (pc.connectionState === "closed") continue;
      for (const t of pc.getTransceivers()) {
        if (t.sender && !t.stopped && t.mid !== null && (t.direction === "sendonly" || t.direction === "sendrecv" || t.direction === "inactive")) {
          t.direction = "sendonly";
          await t.sender.replaceTrack(stream.getAudioTracks()[0]);
        }
      }
    }
  })()`);
}

/** `axe`: the page is checked with axe-core, whose injected script needs the CSP bypassed (the other pages keep the app's CSP). */
async function guestJoins(browser: Browser, meeting: Created, name: string, axe = false): Promise<Page> {
  const context = await newContext(browser, base(), { viewport: DESKTOP, bypassCSP: axe });
  await context.grantPermissions(["microphone"], { origin: base() });
  await context.addInitScript(PEER_SPY);
  const page = await context.newPage();
  traceSockets(page, JOURNEY, name);
  page.on("console", (m) => {
    if (m.type() === "error") console.log(`[${name}] ${m.text()}`);
  });
  await page.goto(`/m/${meeting.slug}/join`);
  await page.getByLabel("Your first name (or Guest)").fill(name);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("heading", { name: "Chat" }).waitFor();
  return page;
}

async function joinAudio(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Join audio" }).click();
  await page.getByText("You are listening. Your microphone is off.").waitFor();
}

let browser: Browser;
let secretaryToken: string;

beforeAll(async () => {
  rmSync(resolve(ARTIFACTS, JOURNEY, "sockets.log"), { force: true });
  browser = await launchVoiceBrowser();
  secretaryToken = await accessToken("secretary@meetinghouse.test");
});

afterAll(async () => {
  await browser?.close();
});

describe("voice journey (headless Chromium, fake microphones, development SFU)", () => {
  it("A speaks and B hears; a host mute stops A on the SFU even if A's page keeps sending; remove closes A; raise hand gives and returns the floor; axe clean", async () => {
    const meeting = await meetingStartingSoon(secretaryToken, "Voice Journey", { passcode: null, waitingRoom: false });
    const hostContext = await newContext(browser, base(), { viewport: DESKTOP, bypassCSP: true });
    await hostContext.grantPermissions(["microphone"], { origin: base() });
    await hostContext.addInitScript(PEER_SPY);
    const host = await signInBrowser(hostContext, "host@meetinghouse.test");
    traceSockets(host, JOURNEY, "host");
    await hostOpensRoom(host, meeting);

    const a = await guestJoins(browser, meeting, "Ana");
    const b = await guestJoins(browser, meeting, "Bo", true);
    await joinAudio(a);
    await joinAudio(b);
    await joinAudio(host);
    await expectNoAxeViolations(b, "attendee room with the voice bar");
    await expectNoAxeViolations(host, "host room with the voice bar");

    // Open mic: A unmutes, B receives A's audio (bytes and level).
    await a.getByRole("button", { name: "Unmute" }).click();
    await a.getByText("Your microphone is on — everyone hears you.").waitFor();
    const heard = await grows(() => inboundBytes(b));
    await expect.poll(() => inboundLevel(b), { timeout: 60_000, interval: 300 }).toBeGreaterThan(0);
    console.log(`B received ${heard} bytes of A's audio; level ${await inboundLevel(b)}`);
    await screenshot(b, JOURNEY, "01-b-hears-a");

    // The host mutes A: the SFU closes A's track, and a modified page that keeps sending reaches nobody.
    await host.getByText("Actions — Ana").click();
    const anaActions = host.locator(".person-actions").filter({ hasText: "Actions — Ana" });
    await anaActions.getByRole("button", { name: "Mute", exact: true }).click();
    await a.getByText("A host muted you.", { exact: false }).first().waitFor();
    await keepSendingAnyway(a);
    const sentAfterMute = await grows(() => outboundBytes(a));
    const stoppedAt = await stopsGrowing(() => inboundBytes(b));
    expect(await outboundBytes(a), "A's page keeps sending after the mute").toBeGreaterThan(sentAfterMute);
    console.log(
      `after the mute: B's inbound froze at ${stoppedAt} bytes while A's page sent ${await outboundBytes(a)} bytes`,
    );
    await screenshot(a, JOURNEY, "02-a-muted-by-host");

    // The host unmutes A; A speaks again and B hears again; then the host removes A: A's tracks close.
    await anaActions.getByRole("button", { name: "Unmute", exact: true }).click();
    await expect.poll(() => a.getByRole("button", { name: "Unmute" }).isEnabled(), { timeout: 60_000 }).toBe(true);
    await a.getByRole("button", { name: "Unmute" }).click();
    await a.getByText("Your microphone is on — everyone hears you.").waitFor();
    await grows(() => inboundBytes(b));
    await anaActions.getByRole("button", { name: "Remove", exact: true }).click();
    await a.getByRole("heading", { name: "The host removed you from this meeting." }).waitFor();
    const afterRemove = await stopsGrowing(() => inboundBytes(b));
    expect(
      await a.evaluate(`window.__pcs.every((pc) => pc.connectionState === "closed")`),
      "A's page closed its connection",
    ).toBe(true);
    console.log(`after remove: B's inbound froze at ${afterRemove} bytes`);

    // Raise hand: B cannot speak until the host gives the floor; "done" returns it.
    await host.getByLabel("Who may speak").selectOption("raise_hand");
    // The host's select shows the room's mode once the room has applied it (B's click comes after).
    await expect.poll(() => host.getByLabel("Who may speak").inputValue()).toBe("raise_hand");
    await b.getByRole("button", { name: "Unmute" }).click();
    // The refusal is explained in words, and the microphone is off again.
    await b.getByText("Raise your hand: a host will give you the floor.").waitFor();
    await b.getByText("You are listening. Your microphone is off.").waitFor();
    await b.getByRole("button", { name: "Raise hand" }).click();
    await host.getByRole("button", { name: "Give the floor to Bo" }).click();
    await b.getByText("Bo has the floor").waitFor();
    await b.getByRole("button", { name: "Unmute" }).click();
    await b.getByText("Your microphone is on — everyone hears you.").waitFor();
    const hostHeard = await grows(() => inboundBytes(host));
    console.log(`host received ${hostHeard} bytes of Bo's audio with the floor`);
    await expectNoAxeViolations(b, "attendee with the floor");
    await expectNoAxeViolations(host, "host while someone has the floor");
    await screenshot(host, JOURNEY, "03-host-floor-given");
    await b.getByRole("button", { name: "I'm done sharing" }).click();
    await b.getByText("You are listening. Your microphone is off.").waitFor();
    await expect.poll(() => b.getByText("Bo has the floor").count()).toBe(0);
    await stopsGrowing(() => inboundBytes(host));
  });
});
