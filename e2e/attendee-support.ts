import { appendFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { expect, inject } from "vitest";
import { ARTIFACTS, axeViolations, describeViolations } from "./browser";

/** Helpers of the attendee browser journeys (attendee.e2e.ts): sign-in, meetings, axe, keyboard, traces. */
export const base = () => inject("baseUrl");

/** Waits `ms` (only between polls of the dev outbox and after a 429). */
export async function pause(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

const journeyStarts = new Map<string, number>();

/**
 * Records every room socket event of a page (opens, closes, frames, page errors) in
 * test-artifacts/<journey>/sockets.log: when a real-time step fails, this says what each side saw.
 */
export function traceSockets(page: Page, journey: string, who: string): void {
  const dir = resolve(ARTIFACTS, journey);
  mkdirSync(dir, { recursive: true });
  // One clock per journey, so host and guest lines interleave in the order things happened.
  const t0 = journeyStarts.get(journey) ?? Date.now();
  journeyStarts.set(journey, t0);
  const write = (line: string) =>
    appendFileSync(resolve(dir, "sockets.log"), `${String(Date.now() - t0).padStart(6)} ms ${who}: ${line}\n`);
  page.on("pageerror", (err) => write(`page error ${err.message}`));
  page.on("websocket", (ws) => {
    write("socket open");
    ws.on("close", () => write("socket closed"));
    ws.on("framereceived", (f) => write(`<- ${String(f.payload).slice(0, 160)}`));
    ws.on("framesent", (f) => write(`-> ${String(f.payload).slice(0, 160)}`));
  });
}

type OutboxMail = { to: string; url: string; sentAt: string | number };
const readOutbox = async () => (await (await fetch(`${base()}/api/dev/outbox`)).json()) as OutboxMail[];

/**
 * A fresh sign-in link for `email` from the dev outbox. Mail goes out in the background, so poll for
 * a link that was not there before the request: an older link to the same address may be spent.
 */
export async function signInLink(email: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = new Set((await readOutbox()).filter((m) => m.to === email).map((m) => m.url));
    const res = await fetch(`${base()}/api/auth/magic-link`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email }),
    });
    if (res.status === 429) {
      await pause(1000 * Number(res.headers.get("Retry-After") ?? "10"));
      continue;
    }
    expect(res.status).toBe(202);
    for (let i = 0; i < 100; i++) {
      const mail = (await readOutbox()).find((m) => m.to === email && !before.has(m.url));
      if (mail) return mail.url;
      await pause(100);
    }
  }
  throw new Error(`no sign-in mail for ${email}`);
}

/** A bearer token for API calls made by the test itself (the secretary's setup). */
export async function accessToken(email: string): Promise<string> {
  // The token rides in the link's fragment (#token=…), never in its path or query.
  const token = new URLSearchParams(new URL(await signInLink(email)).hash.slice(1)).get("token");
  const res = await fetch(`${base()}/api/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Signs a browser context in through the dev outbox, as a person would (the page posts the link's token; cookies come back). */
export async function signInBrowser(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(await signInLink(email));
  // The page posts the fragment's token itself: signed in once the dashboard shows "Sign out".
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  return page;
}

/** Weekday (Sunday = 0) and "HH:MM" of an instant in a zone. */
export function localSlot(at: number, timeZone: string): { day: number; time: string } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    day: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday")),
    time: `${get("hour")}:${get("minute")}`,
  };
}

export type Created = { id: string; slug: string; name: string };

export async function createMeeting(token: string, body: Record<string, unknown>): Promise<Created> {
  const res = await fetch(`${base()}/api/meetings`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, Origin: base() },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { meeting: Created };
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json.meeting;
}

/** A public Chicago meeting starting a few minutes from now, with a passcode and/or a waiting room. */
export async function meetingStartingSoon(
  token: string,
  label: string,
  options: { passcode: string | null; waitingRoom: boolean; floorMode?: "open" | "raise_hand" | "host_only" },
): Promise<Created> {
  const slot = localSlot(Date.now() + 3 * 60_000, "America/Chicago");
  const stamp = Date.now().toString(36);
  return createMeeting(token, {
    groupId: "grp_demo_chicago",
    name: `${label} ${stamp}`,
    slug: `e2e-${label.toLowerCase().replace(/[^a-z]+/g, "-")}-${stamp}`,
    description: "A browser-journey meeting.",
    types: ["O", "D", "BE"],
    languages: ["EN"],
    timezone: "America/Chicago",
    schedule: { days: [slot.day], startTime: slot.time, durationMinutes: 60 },
    visibility: "public",
    passcode: options.passcode,
    waitingRoom: options.waitingRoom,
    chatRetention: "end",
    ...(options.floorMode ? { floorMode: options.floorMode } : {}),
  });
}

/** axe in the light scheme and again in the dark one (the app follows the system's). */
export async function expectNoAxeViolations(page: Page, where: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = await axeViolations(page);
    expect(violations, `${where} (${colorScheme}):\n${describeViolations(violations)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Presses Tab until `target` has focus (keyboard-only use), failing after `max` presses. */
export async function tabTo(page: Page, target: ReturnType<Page["getByLabel"]>, max = 25) {
  for (let i = 0; i < max; i++) {
    // `unknown`: this file is compiled without DOM types; the function runs in the page.
    const focused = await target.evaluate(
      (el: unknown) => el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement,
    );
    if (focused) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the control with Tab");
}

/** The host opens the meeting's page, joins (the room makes them host and starts the occurrence). */
export async function hostOpensRoom(host: Page, meeting: Created): Promise<void> {
  await host.goto(`/m/${meeting.slug}`);
  await host.getByRole("link", { name: /Join/ }).click();
  await host.getByLabel("Your first name (or Guest)").fill("Hana");
  await host.getByRole("button", { name: "Join", exact: true }).click();
  await host.getByRole("heading", { name: "Host controls" }).waitFor();
}
