import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext } from "./browser";
import { accessToken, hostOpensRoom, meetingStartingSoon, pause } from "./attendee-support";
import { base, CHICAGO, DESKTOP, signIn } from "./dashboard-helpers";

/** Every file under `dir` (the trace store is SQLite files with their WAL). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The bytes of every file under `dir`, read as text (SQLite stores text values as UTF-8 bytes). */
function contentsUnder(dir: string): string {
  return filesUnder(dir)
    .map((f) => readFileSync(f).toString("latin1"))
    .join("\n");
}

const UA = `Mozilla/5.0 (X11; Linux x86_64) TraceProbe/${Date.now().toString(36)}`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("what wrangler's local trace store and output keep (Workers Logs would keep the same)", () => {
  it("a sign-in, a room join and a receipt download leave no User-Agent, room session token, sign-in token or download token there", async () => {
    const secrets: Record<string, string> = {};
    const secretaryToken = await accessToken("secretary@meetinghouse.test");
    const meeting = await meetingStartingSoon(secretaryToken, "Trace Probe", { passcode: null, waitingRoom: false });

    const context = await newContext(browser, base(), { userAgent: UA, viewport: DESKTOP });
    const page = await context.newPage();

    // Sign-in: the page posts the token from the link's fragment.
    const sessionPost = page.waitForRequest((r) => r.url().endsWith("/api/auth/session"));
    await signIn(page, "admin@meetinghouse.test");
    secrets.signInToken = (JSON.parse((await sessionPost).postData() ?? "{}") as { token: string }).token;

    // Join: the admin hosts the Chicago group's meeting in one round trip: the join request travels
    // as a subprotocol, and the room answers `joined` with the room session token over the socket.
    const socket = page.waitForEvent("websocket");
    const joined = socket.then((ws) =>
      ws.waitForEvent("framereceived", (f) => String(f.payload).includes('"type":"joined"')),
    );
    await hostOpensRoom(page, meeting);
    secrets.sessionToken = (JSON.parse(String((await joined).payload)) as { sessionToken: string }).sessionToken;
    const socketUrl = new URL((await socket).url());
    expect(`${socketUrl.origin}${socketUrl.pathname}`).toMatch(/^ws:\/\/[^/]+\/api\/rooms\/[^/]+$/);
    expect(socketUrl.search, "nothing of the join in the socket's URL").toBe("");

    // Download: a token from POST /link, presented in a header; the browser saves the receipt.
    await page.goto("/service/treasury/expenses");
    await page.getByLabel("Group", { exact: true }).selectOption(CHICAGO);
    const link = page.waitForResponse((r) => r.url().endsWith("/link") && r.request().method() === "POST");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "View receipt" }).first().click();
    secrets.downloadToken = ((await (await link).json()) as { token: string }).token;
    expect((await download).suggestedFilename()).toMatch(/\.(png|pdf)$/);
    await context.close();

    for (const [what, value] of Object.entries(secrets)) expect(value.length, what).toBeGreaterThan(20);
    // Spans are written when invocations end; give the collector a moment.
    await pause(2_000);
    const { state, logFile } = inject("devState");
    const store = contentsUnder(join(state, "v3", "observability"));
    // The store is not empty: it traced this journey's requests (else the test would prove nothing).
    expect(store).toContain("/api/auth/session");
    expect(store).toContain("/api/rooms/");
    expect(store).toContain("/download");
    const output = readFileSync(logFile, "utf8");
    for (const [where, text] of [
      ["trace store", store],
      ["wrangler output", output],
    ] as const) {
      expect(text.includes("TraceProbe/"), `User-Agent in ${where}`).toBe(false);
      for (const [what, value] of Object.entries(secrets))
        expect(text.includes(value), `${what} in ${where}`).toBe(false);
    }
  });
});
