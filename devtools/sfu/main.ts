/**
 * `node devtools/sfu/main.ts`: runs the development SFU on loopback until stopped. Reads
 * DEV_SFU_PORT (0: any free port), REALTIME_APP_ID and REALTIME_APP_SECRET, and TURN_KEY_ID with
 * TURN_KEY_API_TOKEN (optional: the TURN credentials endpoint answers only then); prints one JSON line
 * `{"devSfu": "<base url>"}` once listening, which scripts/start.mjs and the test setups wait for.
 */
import { startDevSfu } from "./server.ts";

const appId = process.env.REALTIME_APP_ID;
const secret = process.env.REALTIME_APP_SECRET;
if (!appId || !secret) {
  console.error("REALTIME_APP_ID and REALTIME_APP_SECRET are required");
  process.exit(2);
}
const turnKeyId = process.env.TURN_KEY_ID;
const turnToken = process.env.TURN_KEY_API_TOKEN;
const running = await startDevSfu({
  appId,
  secret,
  port: Number(process.env.DEV_SFU_PORT ?? 0),
  turn: turnKeyId && turnToken ? { keyId: turnKeyId, token: turnToken } : undefined,
});
console.log(JSON.stringify({ devSfu: running.baseUrl }));
const stop = () => running.stop().finally(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
