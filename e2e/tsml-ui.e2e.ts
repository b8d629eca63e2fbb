import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { DateTime, type WeekdayNumbers } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";

/**
 * TSML UI (code4recovery/tsml-ui), the directory widget intergroup sites embed, reading our
 * live feed from a page on another origin. Its own built bundle is a pinned fixture beside the
 * repository (`../shared/fixtures/tsml-ui/app.js`, see its SOURCE.txt); it is never copied in.
 */
const TSML_BUNDLE = resolve(import.meta.dirname, "..", "..", "shared", "fixtures", "tsml-ui", "app.js");
const VIEWER_ZONE = "America/Chicago";

type FeedItem = {
  slug: string;
  name: string;
  day: number;
  time: string;
  timezone: string;
  types: string[];
  conference_url?: string;
  url: string;
};

let browser: Browser;
let site: Server;
let siteUrl: string;
let feed: FeedItem[];
const base = () => inject("baseUrl");

/** The intergroup site: a page that sets TSML UI's config (our host as a conference provider) and loads its bundle. */
function sitePage(feedUrl: string, apiHost: string): string {
  const config = { conference_providers: { [apiHost]: "Meetinghouse" } };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intergroup meetings</title>
<script>window.tsml_react_config = ${JSON.stringify(config)};</script></head>
<body><div id="tsml-ui" data-src="${feedUrl}" data-timezone="${VIEWER_ZONE}"></div><script src="/app.js"></script></body></html>`;
}

beforeAll(async () => {
  const bundle = readFileSync(TSML_BUNDLE);
  const apiHost = new URL(base()).host;
  site = createServer((req, res) => {
    if (req.url?.startsWith("/app.js")) {
      res.writeHead(200, { "Content-Type": "text/javascript" }).end(bundle);
      return;
    }
    res
      .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
      .end(sitePage(`${base()}/api/feeds/meeting-guide.json`, apiHost));
  });
  // 127.0.0.2 is another loopback address: another origin (and another host) than the API's 127.0.0.1.
  await new Promise<void>((done) => site.listen(0, "127.0.0.2", done));
  siteUrl = `http://127.0.0.2:${(site.address() as AddressInfo).port}/`;
  feed = (await (await fetch(`${base()}/api/feeds/meeting-guide.json`)).json()) as FeedItem[];
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => site?.close(done));
});

/** Where TSML UI lists an item: its weekday and "h:mm am/pm" in the viewer's zone, this week. */
function expectedSlot(item: FeedItem) {
  const [hour, minute] = item.time.split(":").map(Number);
  const local = DateTime.now()
    .setZone(item.timezone)
    .set({ weekday: (item.day === 0 ? 7 : item.day) as WeekdayNumbers, hour, minute, second: 0, millisecond: 0 })
    .setZone(VIEWER_ZONE);
  return { weekday: local.toFormat("cccc").toLowerCase(), time: local.toFormat("h:mm a").toLowerCase() };
}

/** The rows TSML UI lists for a weekday; it renders 25 rows at a time as the list scrolls, so scroll until `count` are there. */
async function rowsFor(page: Page, weekday: string, count: number): Promise<{ slug: string; text: string }[]> {
  await page.goto(`${siteUrl}#/?weekday=${weekday}`);
  await page.locator("#tsml-ui").getByRole("link").first().waitFor();
  const links = `[...document.querySelectorAll('#tsml-ui a[href*="#/"]')]`;
  await page.waitForFunction(
    `(() => { window.scrollTo(0, document.body.scrollHeight); return ${links}.length >= ${count}; })()`,
    undefined,
    { polling: 100, timeout: 20_000 },
  );
  return page.evaluate(
    `${links}.map((a) => ({ slug: decodeURIComponent(a.getAttribute("href").split("#/")[1].split("?")[0]), text: (a.closest("tr") ?? a).innerText.toLowerCase() }))`,
  );
}

describe("TSML UI reads our live feed from another origin", () => {
  it("lists every demo meeting on its day and time", async () => {
    // The 29 seeded meetings, and any public meeting an earlier journey on this server created: TSML UI must list them all.
    expect(new Set(feed.map((i) => i.url)).size).toBeGreaterThanOrEqual(29);
    const context = await browser.newContext({ timezoneId: VIEWER_ZONE, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const seen = new Map<string, string>();
    for (const weekday of ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]) {
      const expected = feed.filter((i) => expectedSlot(i).weekday === weekday).length;
      for (const row of await rowsFor(page, weekday, expected)) seen.set(`${weekday}|${row.slug}`, row.text);
    }
    await screenshot(page, "tsml-ui", "saturday");
    for (const item of feed) {
      const slot = expectedSlot(item);
      const text = seen.get(`${slot.weekday}|${item.slug}`);
      expect(
        text,
        `${item.slug} on ${slot.weekday}; listed that day: ${[...seen.keys()].filter((k) => k.startsWith(slot.weekday)).join(", ")}`,
      ).toBeDefined();
      expect(text, item.slug).toContain(slot.time);
    }
    expect(seen.size).toBe(feed.length);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows each meeting's types and our join link on its page", async () => {
    const context = await browser.newContext({ timezoneId: VIEWER_ZONE, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const names: Record<string, string> = {
      O: "Open",
      C: "Closed",
      D: "Discussion",
      SP: "Speaker",
      B: "Big Book",
      ST: "Step Study",
      W: "Women",
      M: "Men",
      S: "Spanish",
      BE: "Newcomer",
      MED: "Meditation",
      X: "Wheelchair Access",
    };
    const meetings = [...new Map(feed.map((i) => [i.url, i])).values()];
    for (const item of meetings) {
      await page.goto(`${siteUrl}#/${item.slug}`);
      const root = page.locator("#tsml-ui");
      await root.getByRole("heading", { name: item.name }).first().waitFor();
      const text = (await root.textContent()) ?? "";
      // TSML UI merges Speaker + Discussion into one "Speaker/Discussion" type.
      const merged = item.types.includes("SP") && item.types.includes("D");
      for (const code of item.types) {
        const name = names[code];
        if (!name || (merged && (code === "SP" || code === "D"))) continue;
        expect(text, `${item.slug} type ${code}`).toContain(name);
      }
      if (item.conference_url) {
        const join = root.locator(`a[href="${item.conference_url}"]`).first();
        expect(await join.count(), `${item.slug} join link`).toBe(1);
        expect(await join.textContent()).toContain("Meetinghouse");
      }
    }
    await screenshot(page, "tsml-ui", "meeting");
    await context.close();
  });

  it("finds the feed from our directory page's discovery link", async () => {
    const html = await (await fetch(`${base()}/`)).text();
    const link = html.match(/<link rel="alternate" type="application\/json" title="Meetings Feed" href="([^"]+)"/);
    expect(link?.[1]).toBe("/api/feeds/meeting-guide.json");
  });
});
