import { rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessToken,
  base,
  expectNoAxeViolations,
  hostOpensRoom,
  meetingStartingSoon,
  signInBrowser,
  traceSockets,
} from "./attendee-support";
import { ARTIFACTS, launchVoiceBrowser, newContext, screenshot } from "./browser";
import {
  DESKTOP,
  grows,
  guestJoins,
  inboundBytes,
  inboundLevel,
  joinAudio,
  keepSendingAnyway,
  localMLines,
  micMarks,
  outboundBytes,
  PEER_SPY,
  roomWithAudio,
  stopsGrowing,
} from "./voice-support";

const JOURNEY = "voice";
const LISTENING = "You are listening. Your microphone is off.";
const SPEAKING = "Your microphone is on — everyone hears you.";
const WEAK = "Your connection is too weak to send your voice, so you are listening only.";
const RECONNECTED = "Your audio connection dropped and came back listen-only.";
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

    const a = await guestJoins(browser, JOURNEY, meeting, "Ana");
    const b = await guestJoins(browser, JOURNEY, meeting, "Bo", true);
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
    await anaActions.getByRole("button", { name: "Yes, remove" }).click(); // Remove asks first (walk-room)
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

  it("a speaker who unmutes and mutes again and again keeps the same offer size, and the listener hears the last unmute", async () => {
    const meeting = await meetingStartingSoon(secretaryToken, "Voice Unmute Often", {
      passcode: null,
      waitingRoom: false,
    });
    const { a, b } = await roomWithAudio(browser, JOURNEY, meeting);
    // m= sections in Ana's offer at each unmute: a closed microphone's slot is stopped and reused, not piled up.
    const mLines: number[] = [];
    for (let round = 1; round <= 10; round++) {
      await a.getByRole("button", { name: "Unmute" }).click();
      await a.getByText(SPEAKING).waitFor();
      mLines.push(await localMLines(a));
      if (round === 10) break;
      await a.getByRole("button", { name: "Mute", exact: true }).click();
      await a.getByText(LISTENING).waitFor();
    }
    console.log(`m= sections in Ana's offer over 10 unmutes: ${mLines.join(", ")}`);
    // From the second unmute on (one slot speaking, the last one being released) the offer stays the same size.
    expect(mLines[1]).toBeLessThanOrEqual(mLines[0] + 1);
    expect(mLines.slice(1)).toEqual(Array(9).fill(mLines[1]));
    const heard = await grows(() => inboundBytes(b));
    console.log(`Bo received ${heard} bytes after Ana's tenth unmute`);
  });

  it("a weak uplink falls back to listen-only with a notice (the room stops forwarding her, she still hears Bo); a failed connection reconnects listen-only once, then gives up", async () => {
    const meeting = await meetingStartingSoon(secretaryToken, "Voice Bad Network", {
      passcode: null,
      waitingRoom: false,
    });
    const { host, a, b } = await roomWithAudio(browser, JOURNEY, meeting, { axe: true, badNetwork: true });
    // Bo speaks and Ana hears him; then Ana speaks too and Bo hears her (his inbound is hers alone).
    await b.getByRole("button", { name: "Unmute" }).click();
    await b.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(a));
    await a.getByRole("button", { name: "Unmute" }).click();
    await a.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(b));
    await expect.poll(() => micMarks(host, "Ana").count(), { timeout: 60_000 }).toBe(1);

    // Her uplink turns weak (the SFU's reports say it loses half her packets): she falls back to listening.
    await a.evaluate("window.__weakUplink = true");
    const weak = a.getByRole("alert").filter({ hasText: WEAK });
    await weak.waitFor();
    await a.getByText(LISTENING).waitFor();
    // The room no longer forwards her microphone (she does not hold the floor silently), and Bo hears nothing more.
    await expect.poll(() => micMarks(host, "Ana").count(), { timeout: 60_000 }).toBe(0);
    await stopsGrowing(() => inboundBytes(b));
    // She still hears Bo.
    await grows(() => inboundBytes(a));
    await expectNoAxeViolations(a, "listen-only after a weak uplink");
    await screenshot(a, JOURNEY, "04-weak-uplink-listen-only");

    // Her network recovers; she tries speaking again and Bo hears her.
    await a.evaluate("window.__weakUplink = false");
    await a.getByRole("button", { name: "Try speaking again" }).click();
    await a.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(b));
    expect(await weak.count(), "the weak-uplink notice goes once she speaks").toBe(0);

    // Her connection fails while she speaks: the audio reconnects listen-only, once, on a new connection.
    const connections = (await a.evaluate("window.__pcs.length")) as number;
    await a.evaluate("window.__failConnection(window.__pcs[window.__pcs.length - 1])");
    await a.getByText(RECONNECTED, { exact: false }).waitFor();
    await a.getByText(LISTENING).waitFor();
    expect(await a.evaluate("window.__pcs.length"), "one new connection").toBe(connections + 1);
    await expect.poll(() => micMarks(host, "Ana").count(), { timeout: 60_000 }).toBe(0);
    await grows(() => inboundBytes(a));
    await expectNoAxeViolations(a, "reconnected listen-only");
    // It fails again: no second try; the audio-failed notice, and "Join audio" to start over.
    await a.evaluate("window.__failConnection(window.__pcs[window.__pcs.length - 1])");
    await a.getByText("Audio could not connect.", { exact: false }).waitFor();
    await a.getByRole("button", { name: "Join audio" }).waitFor();
    expect(await a.evaluate("window.__pcs.length"), "no third connection").toBe(connections + 1);
  });
});
