import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { base, type Created, hostOpensRoom, pause, signInBrowser, traceSockets } from "./attendee-support";
import { newContext } from "./browser";

/** Helpers of the voice journeys: a spy on the page's peer connections, RTP counters read from getStats(), joining. */
export const DESKTOP = { width: 1280, height: 800 };
/**
 * Runs in the page before the app: records every RTCPeerConnection the page makes, so the journey
 * reads the real connection's getStats() without the production code exposing anything.
 */
export const PEER_SPY = `(() => {
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
})()`;

/**
 * Runs in the page before the app, beside PEER_SPY: a network the journey makes bad on purpose.
 * `__weakUplink = true` makes every sender's stats say the SFU lost half of what it sent (the SFU's
 * receiver reports, as a phone on a poor uplink would get them); `__failConnection(pc)` makes a
 * connection report `failed` (its media keeps flowing: only what the app reads changes).
 */
export const BAD_NETWORK = `(() => {
  const native = RTCRtpSender.prototype.getStats;
  let reports = 0;
  window.__weakUplink = false;
  RTCRtpSender.prototype.getStats = async function () {
    const real = await native.call(this);
    if (!window.__weakUplink) return real;
    reports++;
    const out = new Map();
    real.forEach((s, id) => out.set(id, s.type === "remote-inbound-rtp"
      ? { ...s, fractionLost: 0.5, roundTripTimeMeasurements: (s.roundTripTimeMeasurements || 0) + reports }
      : s));
    return out;
  };
  window.__failConnection = (pc) => {
    Object.defineProperty(pc, "connectionState", { value: "failed", configurable: true });
    pc.dispatchEvent(new Event("connectionstatechange"));
  };
})()`;

/** How many m= sections the page's newest open connection's local description has (one per transceiver slot). */
export async function localMLines(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    const open = window.__pcs.filter((pc) => pc.connectionState !== "closed" && pc.localDescription);
    const pc = open[open.length - 1];
    return pc ? (pc.localDescription.sdp.match(/^m=/gm) || []).length : 0;
  })()`)) as number;
}

/** Bytes of audio RTP this page received (inbound-rtp over all its connections). */
export async function inboundBytes(page: Page): Promise<number> {
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
export async function outboundBytes(page: Page): Promise<number> {
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
export async function inboundLevel(page: Page): Promise<number> {
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
export async function grows(read: () => Promise<number>, by = 2000): Promise<number> {
  const start = await read();
  let now = start;
  await expect.poll(async () => (now = await read()), { timeout: 60_000, interval: 300 }).toBeGreaterThan(start + by);
  return now;
}

/**
 * Waits until two readings ~300 ms apart are equal, then asserts that the next four readings stay
 * equal too (about 1 s more of the same number). Count-based: no assertion on durations.
 */
export async function stopsGrowing(read: () => Promise<number>): Promise<number> {
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
export async function keepSendingAnyway(page: Page): Promise<void> {
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

/**
 * `axe`: the page is checked with axe-core, whose injected script needs the CSP bypassed (the other pages keep the app's CSP).
 * `badNetwork`: the page gets the BAD_NETWORK switches.
 */
export async function guestJoins(
  browser: Browser,
  journey: string,
  meeting: Created,
  name: string,
  axe = false,
  badNetwork = false,
): Promise<Page> {
  const context = await newContext(browser, base(), { viewport: DESKTOP, bypassCSP: axe });
  await context.grantPermissions(["microphone"], { origin: base() });
  await context.addInitScript(PEER_SPY);
  if (badNetwork) await context.addInitScript(BAD_NETWORK);
  const page = await context.newPage();
  traceSockets(page, journey, name);
  page.on("console", (m) => {
    if (m.type() === "error") console.log(`[${name}] ${m.text()}`);
  });
  await page.goto(`/m/${meeting.slug}/join`);
  await page.getByLabel("Your first name (or Guest)").fill(name);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("heading", { name: "Chat" }).waitFor();
  return page;
}

export async function joinAudio(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Join audio" }).click();
  await page.getByText("You are listening. Your microphone is off.").waitFor();
}

/**
 * The host (signed in, axe-ready) opens the room; Ana and Bo join it (Bo axe-ready; Ana as `ana` says);
 * all three join the audio.
 */
export async function roomWithAudio(
  browser: Browser,
  journey: string,
  meeting: Created,
  ana: { axe?: boolean; badNetwork?: boolean } = {},
): Promise<{ host: Page; a: Page; b: Page }> {
  const hostContext = await newContext(browser, base(), { viewport: DESKTOP, bypassCSP: true });
  await hostContext.grantPermissions(["microphone"], { origin: base() });
  await hostContext.addInitScript(PEER_SPY);
  const host = await signInBrowser(hostContext, "host@meetinghouse.test");
  traceSockets(host, journey, "host");
  await hostOpensRoom(host, meeting);
  const a = await guestJoins(browser, journey, meeting, "Ana", ana.axe, ana.badNetwork);
  const b = await guestJoins(browser, journey, meeting, "Bo", true);
  await joinAudio(a);
  await joinAudio(b);
  await joinAudio(host);
  return { host, a, b };
}

/** One person's row in a page's roster (by the start of their name: "Ana" is not "Hana"). */
export const rosterRow = (page: Page, name: string) =>
  page.locator(".roster .person").filter({ has: page.locator(".person-name", { hasText: new RegExp(`^${name}\\b`) }) });

/** The roster's microphone marks on a row ("speaking" or "mic on"): the room forwards that person's microphone. */
export const micMarks = (page: Page, name: string) => rosterRow(page, name).locator(".pill-speaking, .pill-mic");
