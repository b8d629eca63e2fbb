import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";

export const ARTIFACTS = resolve(import.meta.dirname, "..", "test-artifacts");

const BASE_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's chromium, headless, with the network chatter that this sandbox refuses switched off. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: BASE_ARGS,
  });
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, ...options });
  // Waits are for events, never timing assertions: on a loaded CI box (or behind a rate-limited
  // sign-in that pauses 15 s) Playwright's 30 s default fails journeys that are only slow.
  context.setDefaultTimeout(120_000);
  return context;
}

/** Saves a full-page screenshot under test-artifacts/<journey>/<name>.png and returns its path. */
export async function screenshot(page: Page, journey: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS, journey);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };

/** Runs axe-core (WCAG 2.0/2.1/2.2 A + AA rules) in the page and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeResult["violations"]> {
  const axePath = resolve(import.meta.dirname, "..", "node_modules", "axe-core", "axe.min.js");
  await page.addScriptTag({ path: axePath });
  // A string expression: this file is compiled without DOM types, the code runs in the page.
  const options = JSON.stringify({
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
  });
  const result = (await page.evaluate(`axe.run(document, ${options})`)) as AxeResult;
  return result.violations;
}

/** A readable summary of axe violations for assertion messages. */
export function describeViolations(violations: AxeResult["violations"]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
    .join("\n");
}

/**
 * Chromium for the voice journeys: the default launch plus a fake microphone (a beeping tone) that
 * getUserMedia opens without a permission prompt. Other journeys keep the default launch.
 */
export async function launchVoiceBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      ...BASE_ARGS,
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}
