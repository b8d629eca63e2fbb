import { rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, expectNoAxeViolations, meetingStartingSoon } from "./attendee-support";
import { ARTIFACTS, launchVoiceBrowser, screenshot } from "./browser";
import { grows, inboundBytes, roomWithAudio, rosterRow, stopsGrowing } from "./voice-support";

const JOURNEY = "voice-host";
const LISTENING = "You are listening. Your microphone is off.";
const SPEAKING = "Your microphone is on — everyone hears you.";

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

/** Ana's page swaps her microphone for silence (the room still forwards her track: only its level drops). */
async function sendSilence(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const silent = new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0];
    for (const pc of window.__pcs)
      for (const t of pc.getTransceivers()) if (t.sender.track) await t.sender.replaceTrack(silent);
  })()`);
}

/** A host's per-person actions (behind their disclosure). */
async function actionsFor(host: Page, name: string) {
  await host.getByText(`Actions — ${name}`).click();
  return host.locator(".person-actions").filter({ hasText: `Actions — ${name}` });
}

describe("voice, host side (headless Chromium, fake microphones, development SFU)", () => {
  it("push to talk with Space is announced; the speaking mark follows the level; mute everyone and suspend all stop the sound, resume lets her speak again; axe clean", async () => {
    const meeting = await meetingStartingSoon(secretaryToken, "Voice Host Open", {
      passcode: null,
      waitingRoom: false,
    });
    const { host, a, b } = await roomWithAudio(browser, JOURNEY, meeting);

    // Push to talk: Bo holds Space with the room focused (not a button), the host hears him; releasing stops.
    await b.getByRole("heading", { level: 1 }).click();
    await b.keyboard.down("Space");
    await b.getByRole("status").filter({ hasText: "Push to talk: microphone on" }).waitFor();
    await b.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(host));
    await expectNoAxeViolations(b, "attendee holding Space to talk");
    await b.keyboard.up("Space");
    await b.getByRole("status").filter({ hasText: "Push to talk: microphone off" }).waitFor();
    await b.getByText(LISTENING).waitFor();
    await stopsGrowing(() => inboundBytes(host));

    // Ana unmutes: Bo hears her, and his roster marks her speaking (a word, not only a colour).
    await a.getByRole("button", { name: "Unmute" }).click();
    await a.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(b));
    await rosterRow(b, "Ana").getByText("speaking", { exact: true }).waitFor();
    expect(await rosterRow(b, "Bo").getByText("speaking", { exact: true }).count(), "Bo is silent").toBe(0);
    await expectNoAxeViolations(b, "roster with a speaking mark");
    await screenshot(b, JOURNEY, "01-b-sees-ana-speaking");
    // The mark comes from what Bo hears, not from the room's list: Ana's track carrying silence is "mic on".
    await sendSilence(a);
    await rosterRow(b, "Ana").getByText("mic on", { exact: true }).waitFor();
    expect(await rosterRow(b, "Ana").getByText("speaking", { exact: true }).count()).toBe(0);

    // Mute everyone: the room closes Ana's microphone on the SFU; Bo hears nothing more from her.
    await host.getByRole("button", { name: "Mute everyone" }).click();
    await a.getByText("A host muted you.", { exact: false }).first().waitFor();
    await a.getByText(LISTENING).waitFor();
    await stopsGrowing(() => inboundBytes(b));
    await expect.poll(() => rosterRow(b, "Ana").getByText("speaking", { exact: true }).count()).toBe(0);
    expect(await a.getByRole("button", { name: "Unmute" }).isDisabled(), "muted by the host: no unmute").toBe(true);

    // The host lets Ana speak again; then suspends all: her microphone closes again.
    await (await actionsFor(host, "Ana")).getByRole("button", { name: "Unmute", exact: true }).click();
    await expect.poll(() => a.getByRole("button", { name: "Unmute" }).isEnabled(), { timeout: 60_000 }).toBe(true);
    await a.getByRole("button", { name: "Unmute" }).click();
    await a.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(b));
    await host.getByRole("button", { name: "Suspend all activity" }).click();
    await host.getByRole("button", { name: "Yes, suspend now" }).click();
    await a.getByText(LISTENING).waitFor();
    await stopsGrowing(() => inboundBytes(b));
    expect(await a.getByRole("button", { name: "Unmute" }).isDisabled(), "suspended: no unmute").toBe(true);
    await expectNoAxeViolations(host, "host after suspending all");
    await screenshot(host, JOURNEY, "02-host-suspended");
    // Resume puts Ana's mute back as it was (not muted): she may speak again, and Bo hears her.
    await host.getByRole("button", { name: "Resume meeting" }).click();
    await expect.poll(() => a.getByRole("button", { name: "Unmute" }).isEnabled(), { timeout: 60_000 }).toBe(true);
    await a.getByRole("button", { name: "Unmute" }).click();
    await a.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(b));
  });

  it("hosts-only meeting: an attendee's unmute is refused and explained, the host's is heard; a ban closes the banned person's tracks", async () => {
    const meeting = await meetingStartingSoon(secretaryToken, "Voice Host Only", {
      passcode: null,
      waitingRoom: false,
      floorMode: "host_only",
    });
    const { host, a, b } = await roomWithAudio(browser, JOURNEY, meeting);
    // The meeting's setting is the room's starting mode.
    expect(await host.getByLabel("Who may speak").inputValue()).toBe("host_only");

    await a.getByRole("button", { name: "Unmute" }).click();
    await a.getByText("Only hosts speak in this meeting.").waitFor();
    await a.getByText(LISTENING).waitFor();
    await expectNoAxeViolations(b, "attendee in a hosts-only meeting");

    await host.getByRole("button", { name: "Unmute" }).click();
    await host.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(b));
    await host.getByRole("button", { name: "Mute", exact: true }).click();
    await host.getByText(LISTENING).waitFor();

    // Open mic; Ana speaks, Bo hears; the host bans her: her tracks close on the SFU and in her page.
    await host.getByLabel("Who may speak").selectOption("open");
    await expect.poll(() => host.getByLabel("Who may speak").inputValue()).toBe("open");
    await a.getByRole("button", { name: "Unmute" }).click();
    await a.getByText(SPEAKING).waitFor();
    await grows(() => inboundBytes(b));
    const ana = await actionsFor(host, "Ana");
    await ana.getByRole("button", { name: "Ban", exact: true }).click();
    await ana.getByRole("button", { name: "Yes, ban" }).click();
    await a.getByRole("heading", { name: "You can't rejoin this meeting." }).waitFor();
    const frozen = await stopsGrowing(() => inboundBytes(b));
    expect(
      await a.evaluate(`window.__pcs.every((pc) => pc.connectionState === "closed")`),
      "Ana's page closed its connection",
    ).toBe(true);
    console.log(`after the ban: Bo's inbound froze at ${frozen} bytes`);
    await screenshot(b, JOURNEY, "03-after-ban");
  });
});
