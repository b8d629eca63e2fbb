import { launchDevSfu } from "../devtools/sfu/launch.ts";

/**
 * The worker project's global setup: the development SFU on the loopback port vitest.config.ts
 * chose and bound into the Worker's environment (REALTIME_*), so rooms in the tests run real voice.
 */
export default async function setup() {
  const realtime = JSON.parse(process.env.MH_TEST_REALTIME ?? "{}") as {
    REALTIME_APP_ID: string;
    REALTIME_APP_SECRET: string;
    TURN_KEY_ID: string;
    TURN_KEY_API_TOKEN: string;
  };
  const sfu = await launchDevSfu({
    appId: realtime.REALTIME_APP_ID,
    secret: realtime.REALTIME_APP_SECRET,
    port: Number(process.env.DEV_SFU_PORT),
    turn: { keyId: realtime.TURN_KEY_ID, token: realtime.TURN_KEY_API_TOKEN },
  });
  return sfu.stop;
}
