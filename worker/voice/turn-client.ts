/**
 * Short-lived ICE servers for one participant's RTCPeerConnection, from Cloudflare Realtime TURN:
 * the room asks with its TURN key (`POST <base>/turn/keys/<key id>/credentials/generate-ice-servers`,
 * `Authorization: Bearer <key API token>`, `{ "ttl": seconds }`) and hands the answer to that
 * participant only. The key's token never leaves this module. Locally the development SFU answers the
 * same request on loopback (with no servers: nothing to relay there).
 */
import { z } from "zod";
import { type IceServer, IceServer as IceServerSchema, VOICE_LIMITS } from "#shared/voice-protocol";
import { DEFAULT_REALTIME_API_BASE } from "./sfu-client";

/** How long a participant's TURN credentials live: a long meeting's worth (a TURN allocation refreshes with them). */
export const TURN_TTL_SECONDS = 4 * 60 * 60;

export type TurnSettings = { base: string; keyId: string; token: string };

/** TURN settings (secrets, so not in the generated `Env`); the API base is the Realtime one. */
const TurnEnv = z.object({
  REALTIME_API_BASE: z.string().url().optional().or(z.literal("")),
  TURN_KEY_ID: z.string().min(1),
  TURN_KEY_API_TOKEN: z.string().min(1),
});

/** The TURN settings from the Worker's environment, or null when TURN is not configured. */
export function turnSettings(env: object): TurnSettings | null {
  const parsed = TurnEnv.safeParse(env);
  if (!parsed.success) return null;
  const e = parsed.data;
  return {
    base: (e.REALTIME_API_BASE || DEFAULT_REALTIME_API_BASE).replace(/\/+$/, ""),
    keyId: e.TURN_KEY_ID,
    token: e.TURN_KEY_API_TOKEN,
  };
}

const Answer = z.object({ iceServers: z.array(z.unknown()) }).passthrough();

/**
 * The servers a browser can use, from Cloudflare's answer: each entry checked on its own (a bad one
 * is dropped, not the lot), and URLs on port 53 left out: browsers refuse that port, and a candidate
 * that cannot work only slows gathering down.
 */
export function usableIceServers(answer: unknown): IceServer[] {
  const parsed = Answer.safeParse(answer);
  if (!parsed.success) return [];
  return parsed.data.iceServers
    .flatMap((entry) => {
      const server = IceServerSchema.safeParse(entry);
      if (!server.success) return [];
      const urls = server.data.urls.filter((url) => !/:53(\?|$)/.test(url)).slice(0, VOICE_LIMITS.iceUrls);
      return urls.length ? [{ ...server.data, urls }] : [];
    })
    .slice(0, VOICE_LIMITS.iceServers);
}

export class TurnClient {
  constructor(
    private readonly settings: TurnSettings,
    // Wrapped: workerd refuses `fetch` called as a method of another object ("Illegal invocation").
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** Fresh ICE servers with credentials for one participant; throws when the TURN service fails. */
  async iceServers(ttlSeconds = TURN_TTL_SECONDS): Promise<IceServer[]> {
    const url = `${this.settings.base}/turn/keys/${encodeURIComponent(this.settings.keyId)}/credentials/generate-ice-servers`;
    const res = await this.fetcher(url, {
      method: "POST",
      headers: { authorization: `Bearer ${this.settings.token}`, "content-type": "application/json" },
      body: JSON.stringify({ ttl: ttlSeconds }),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`TURN credentials: ${res.status}`);
    }
    return usableIceServers(await res.json().catch(() => null));
  }
}
