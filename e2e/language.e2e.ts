/**
 * The reader's language on the attendee path (issue 7's budget): English is bundled, Spanish is
 * fetched only when chosen. A Spanish reader never sees a key or an English string flash by —
 * switching, after a reload (the first paint), on the meeting page, the join page and in the room.
 * How "English" is known without a list: the same screens are walked in English first; a text
 * the English reader saw that the Spanish screens do not end with is English-only.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, base, meetingStartingSoon } from "./attendee-support";
import { launchBrowser, newContext } from "./browser";

/** Runs in the page before the app: records every text and label the page ever shows, from the first paint. */
const RECORD_TEXTS = `(() => {
  const seen = (window.__texts = []);
  // The page's language when each text appeared: before a switch applies, English is right.
  const langs = (window.__langs = []);
  const add = (s) => { const t = (s || "").trim(); if (t) { seen.push(t); langs.push(document.documentElement.lang); } };
  const visit = (node) => {
    if (node.nodeType === 3) return add(node.data);
    if (node.nodeType !== 1 || node.tagName === "SCRIPT" || node.tagName === "STYLE") return;
    for (const name of ["aria-label", "placeholder", "title"]) add(node.getAttribute(name));
    for (const child of node.childNodes) visit(child);
  };
  window.__visit = visit;
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "characterData") add(r.target.data);
      else if (r.type === "attributes") add(r.target.getAttribute(r.attributeName));
      else for (const n of r.addedNodes) visit(n);
    }
  }).observe(document, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ["aria-label", "placeholder", "title"],
  });
})()`;

/** Every text recorded since the page loaded. */
const recorded = (page: Page) => page.evaluate("window.__texts.slice()") as Promise<string[]>;
/** The texts recorded after the first `from` while the page said it was in `lang`. */
const recordedIn = (page: Page, lang: string, from: number) =>
  page.evaluate(
    `window.__texts.filter((_, i) => i >= ${from} && window.__langs[i] === ${JSON.stringify(lang)})`,
  ) as Promise<string[]>;
/** The texts on screen now. */
const onScreen = (page: Page) =>
  page.evaluate(
    `(() => { const all = window.__texts; const from = all.length; window.__visit(document.documentElement); return all.splice(from); })()`,
  ) as Promise<string[]>;

/** A translation key shown as text ("room.leave"). */
const KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/;
/** Words, not a number or a clock. */
const WORDS = /[A-Za-zÀ-ÿ]{3}/;
/** A Spanish strings chunk (web/src/i18n/*.es.ts). */
const SPANISH_CHUNK = /\/assets\/[\w-]+\.es-[\w-]+\.js$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A fresh English-speaking browser on the directory, recording texts and the Spanish chunks it fetches. */
async function readerOnDirectory() {
  const page = await (await newContext(browser, base(), { locale: "en-US" })).newPage();
  await page.addInitScript(RECORD_TEXTS);
  const spanishChunks: string[] = [];
  page.on("request", (r) => {
    if (SPANISH_CHUNK.test(r.url())) spanishChunks.push(r.url());
  });
  await page.goto("/");
  await page.getByRole("heading", { level: 1, name: "Find a meeting" }).waitFor();
  return { page, spanishChunks };
}

/** Directory → meeting page → join → room in one language; returns what each page recorded and ended with. */
async function walk(page: Page, slug: string, name: string, words: Record<"join" | "name" | "leave", string>) {
  const seen: string[] = [];
  const last: string[] = [];
  const keep = async () => {
    seen.push(...(await recorded(page)));
    last.push(...(await onScreen(page)));
  };
  await page.goto(`/m/${slug}`);
  await page.getByRole("heading", { level: 1, name }).waitFor();
  await keep();
  await page.goto(`/m/${slug}/join`);
  await page.getByLabel(words.name).fill("Bea");
  await page.getByRole("button", { name: words.join, exact: true }).click();
  await page.getByRole("button", { name: words.leave }).waitFor();
  await keep();
  return { seen, last };
}

describe("the reader's language (issue 7)", () => {
  it("an English reader loads no Spanish; a Spanish reader's screens never show a key or an English string, even on the first paint", async () => {
    const secretary = await accessToken("secretary@meetinghouse.test");
    const meeting = await meetingStartingSoon(secretary, "Idioma Journey", { passcode: null, waitingRoom: false });

    // English: what the screens say, and no Spanish chunk fetched.
    const { page: english, spanishChunks: englishFetched } = await readerOnDirectory();
    const englishSeen = await recorded(english);
    const englishWalk = await walk(english, meeting.slug, meeting.name, {
      name: "Your first name (or Guest)",
      join: "Join",
      leave: "Leave meeting",
    });
    expect(englishFetched).toEqual([]);
    await english.context().close();

    // Spanish, chosen on the directory: the strings arrive, then the page switches at once.
    const { page: spanish, spanishChunks } = await readerOnDirectory();
    expect(spanishChunks).toEqual([]);
    const mark = (await recorded(spanish)).length;
    await spanish.getByLabel("Language", { exact: true }).selectOption("es");
    await spanish.getByRole("heading", { level: 1, name: "Encuentra una reunión" }).waitFor();
    // From the moment the page says Spanish: before the strings arrive it is still (rightly) English,
    // and on a slow machine the directory's list may only render then.
    const switchSeen = await recordedIn(spanish, "es", mark);
    const switched = await onScreen(spanish);
    expect(spanishChunks.length).toBeGreaterThan(0);

    // A reload: recorded from the first paint.
    await spanish.reload();
    await spanish.getByRole("heading", { level: 1, name: "Encuentra una reunión" }).waitFor();
    const reloadSeen = await recorded(spanish);
    const reloadLast = await onScreen(spanish);
    const spanishWalk = await walk(spanish, meeting.slug, meeting.name, {
      name: "Tu nombre de pila (o Invitado)",
      join: "Entrar",
      leave: "Salir de la reunión",
    });

    const spanishLast = new Set([...switched, ...reloadLast, ...spanishWalk.last]);
    const englishOnly = new Set(
      [...englishSeen, ...englishWalk.seen].filter((text) => WORDS.test(text) && !spanishLast.has(text)),
    );
    const spanishSeen = [...switchSeen, ...switched, ...reloadSeen, ...spanishWalk.seen];
    // One English string of each namespace on these screens (frame, attendee, meeting types, room):
    // the English walk showed it, no Spanish screen ever did, not even at the end of the switch.
    for (const sample of ["Skip to main content", "Find a meeting", "Discussion", "Leave meeting"]) {
      expect(englishOnly, sample).toContain(sample);
      expect(spanishSeen, sample).not.toContain(sample);
    }
    // Nor any other English-only text, at any moment (a flash before the Spanish strings arrive).
    expect(spanishSeen.filter((text) => englishOnly.has(text))).toEqual([]);
    expect([...spanishSeen, ...englishSeen, ...englishWalk.seen].filter((text) => KEY.test(text))).toEqual([]);
    await spanish.context().close();
  });
});
