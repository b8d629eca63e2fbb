import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect, inject } from "vitest";
import { axeViolations, describeViolations, newContext } from "./browser";

/** Shared steps of the dashboard journeys: signing people in, calling the API from a page, axe. */
export const base = () => inject("baseUrl");
export const DESKTOP = { width: 1280, height: 800 };
export const CHICAGO = "grp_demo_chicago";
export const T = `/api/groups/${CHICAGO}/treasury`;
export const RUN = Date.now().toString(36).slice(-5);
// A real 1×1 PNG: the API sniffs the bytes, so a receipt must be what it says it is.
export const RECEIPT_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** Each person gets their own user agent, so the sign-in rate limit (per fingerprint) is per person. */
export function agentFor(who: string): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 mh-dashboard-${who}`;
}

export async function pause(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

/** Signs in through the page itself: type the address, send the link, open it from the dev outbox. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/service");
  await page.getByRole("heading", { name: "Sign in to serve" }).waitFor();
  await page.getByLabel("Email address").fill(email);
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    const outcome = await Promise.race([
      page
        .getByText("a sign-in link is on its way")
        .waitFor()
        .then(() => "sent" as const),
      page
        .locator(".dash-error")
        .waitFor()
        .then(() => "refused" as const),
    ]);
    if (outcome === "sent") break;
    await pause(15_000); // rate limited: 5 links a minute per device
  }
  await page.getByRole("button", { name: "Open my sign-in link" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** A fresh signed-in page for a demo service member. */
export async function personPage(
  browser: Browser,
  role: string,
  options: Parameters<typeof newContext>[2] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, base(), { userAgent: agentFor(role), ...options });
  const page = await context.newPage();
  await signIn(page, `${role}@meetinghouse.test`);
  await page.getByLabel("Group", { exact: true }).selectOption(CHICAGO);
  return { context, page };
}

/** Calls the API from inside the page, with its cookies (what the dashboard itself would do). */
export async function apiFromPage<T>(page: Page, path: string): Promise<{ status: number; body: T }> {
  // A string expression: this file is compiled without DOM types; same-origin fetch sends the cookies.
  const script = `fetch(${JSON.stringify(path)}).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }))`;
  return (await page.evaluate(script)) as { status: number; body: T };
}

/** POSTs JSON from inside the page, with its cookies and its Origin (for a journey's own setup). */
export async function apiPostFromPage<T>(
  page: Page,
  path: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const init = JSON.stringify({
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const script = `fetch(${JSON.stringify(path)}, ${init}).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }))`;
  return (await page.evaluate(script)) as { status: number; body: T };
}

export async function expectNoAxeViolations(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Today's date (YYYY-MM-DD) and the date `days` later, in a zone. */
export function dateIn(timeZone: string, days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    Date.now() + days * 86_400_000,
  );
}
