// How long the real ALTCHA widget takes to solve the room's proof-of-work challenge, in headless
// Chromium (http://127.0.0.1 is a secure context), at the difficulty worker/rooms/challenge.ts
// uses; then altcha-lib verifies each payload the widget produced. "Phone-like" throttles the
// page's CPU 4× through the DevTools protocol. Run: node bench/challenge-solve.mjs
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createChallenge, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import { chromium } from "playwright-core";

// Keep in step with CHALLENGE_COST and CHALLENGE_COUNTER in worker/rooms/challenge.ts.
const COST = 1_000;
const COUNTERS = [200, 100];
const secrets = { hmacSignatureSecret: "bench", hmacKeySignatureSecret: "bench-key" };
const widget = readFileSync(new URL("../node_modules/altcha/dist/main/altcha.js", import.meta.url));
let counter = COUNTERS[0];
const server = createServer(async (req, res) => {
  if (req.url === "/altcha.js") return res.writeHead(200, { "Content-Type": "text/javascript" }).end(widget);
  if (req.url === "/challenge") {
    const challenge = await createChallenge({
      algorithm: "PBKDF2/SHA-256",
      cost: COST,
      counter,
      deriveKey,
      ...secrets,
    });
    return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(challenge));
  }
  const page = `<!doctype html><script type="module" src="/altcha.js"></script><altcha-widget id="w" challenge="/challenge" auto="off" configuration='{"minDuration":0}'></altcha-widget>`;
  res.writeHead(200, { "Content-Type": "text/html" }).end(page);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const setups = [
  ["desktop-like", 1, undefined],
  ["phone-like (CPU 4× slower, 4 workers)", 4, 4],
  ["phone-like (CPU 4× slower, 1 worker)", 4, 1],
];
try {
  for (const [label, slowdown, workers] of setups) {
    for (const c of COUNTERS) {
      counter = c;
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => customElements.get("altcha-widget"));
      if (slowdown > 1)
        await (await page.context().newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: slowdown });
      const [ms, payload] = await page.evaluate(async (n) => {
        const w = document.getElementById("w");
        if (n) await w.configure({ workers: n });
        const started = performance.now();
        const result = await w.verify();
        return [performance.now() - started, result?.payload ?? ""];
      }, workers);
      const { challenge, solution } = JSON.parse(Buffer.from(payload, "base64").toString());
      const { verified } = await verifySolution({ challenge, solution, deriveKey, ...secrets });
      console.log(
        `${label}: ${c} tries × ${COST} rounds: ${Math.round(ms)} ms (altcha-lib verifies the payload: ${verified})`,
      );
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
