/**
 * The room's client for Cloudflare Realtime SFU's HTTPS API (and the development SFU, which speaks
 * the same subset): sessions/new, tracks/new (push a local track with an offer; pull a remote one by
 * session id and track name), renegotiate, tracks/close (forced), GET session. Only the MeetingRoom
 * calls it; the app secret never leaves this module and no answer passes it on.
 */
import { z } from "zod";

export const DEFAULT_REALTIME_API_BASE = "https://rtc.live.cloudflare.com/v1";

const Description = z.object({ type: z.enum(["offer", "answer"]), sdp: z.string() });
export type Description = z.infer<typeof Description>;
const TrackError = z
  .object({ errorCode: z.string().optional(), errorDescription: z.string().optional() })
  .passthrough();
const TrackResult = z
  .object({
    mid: z.string().optional(),
    trackName: z.string().optional(),
    sessionId: z.string().optional(),
    error: TrackError.optional(),
  })
  .passthrough();
const NewSession = z.object({ sessionId: z.string().min(1), sessionDescription: Description.optional() }).passthrough();
const TracksAnswer = z
  .object({
    requiresImmediateRenegotiation: z.boolean().optional(),
    sessionDescription: Description.optional(),
    tracks: z.array(TrackResult).optional(),
  })
  .passthrough();
const SessionInfo = z
  .object({
    tracks: z
      .array(
        z
          .object({
            location: z.string().optional(),
            mid: z.string().optional(),
            trackName: z.string().optional(),
            status: z.string().optional(),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();
export type SessionInfo = z.infer<typeof SessionInfo>;

/** The SFU refused or could not be reached. `code` is safe to show; nothing of the request is in it. */
export class SfuError extends Error {
  constructor(
    readonly code: "sfu_unavailable" | "sfu_refused",
    readonly status: number,
  ) {
    super(`SFU ${code} (${status})`);
  }
}

export type SfuSettings = { base: string; appId: string; secret: string };

/**
 * The Realtime settings (secrets and vars, so not in the generated `Env`): REALTIME_API_BASE (default
 * Cloudflare's; the development SFU's locally), REALTIME_APP_ID and the secret REALTIME_APP_SECRET.
 */
const RealtimeEnv = z.object({
  REALTIME_API_BASE: z.string().url().optional().or(z.literal("")),
  REALTIME_APP_ID: z.string().min(1),
  REALTIME_APP_SECRET: z.string().min(1),
});

/** The SFU settings from the Worker's environment, or null when voice is not configured. */
export function sfuSettings(env: object): SfuSettings | null {
  const parsed = RealtimeEnv.safeParse(env);
  if (!parsed.success) return null;
  const e = parsed.data;
  return {
    base: (e.REALTIME_API_BASE || DEFAULT_REALTIME_API_BASE).replace(/\/+$/, ""),
    appId: e.REALTIME_APP_ID,
    secret: e.REALTIME_APP_SECRET,
  };
}

export class SfuClient {
  constructor(
    private readonly settings: SfuSettings,
    // Wrapped: workerd refuses `fetch` called as a method of another object ("Illegal invocation").
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async #call<T>(method: "GET" | "POST" | "PUT", path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.settings.base}/apps/${encodeURIComponent(this.settings.appId)}/${path}`, {
        method,
        headers: { authorization: `Bearer ${this.settings.secret}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new SfuError("sfu_unavailable", 0);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new SfuError(res.status >= 500 || res.status === 401 ? "sfu_unavailable" : "sfu_refused", res.status);
    }
    const parsed = schema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new SfuError("sfu_unavailable", res.status);
    return parsed.data;
  }

  /** A new session (one PeerConnection) from the browser's offer; answers with the SFU's answer. */
  async newSession(offer: Description): Promise<{ sessionId: string; answer: Description }> {
    const r = await this.#call("POST", "sessions/new", NewSession, { sessionDescription: offer });
    if (!r.sessionDescription) throw new SfuError("sfu_unavailable", 200);
    return { sessionId: r.sessionId, answer: r.sessionDescription };
  }

  /** Publishes the offer's transceiver `mid` as `trackName`; answers with the SFU's answer. */
  async pushTrack(sessionId: string, offer: Description, mid: string, trackName: string): Promise<Description> {
    const r = await this.#call("POST", `sessions/${encodeURIComponent(sessionId)}/tracks/new`, TracksAnswer, {
      sessionDescription: offer,
      tracks: [{ location: "local", mid, trackName }],
    });
    if (!r.sessionDescription || r.tracks?.some((t) => t.error)) throw new SfuError("sfu_refused", 200);
    return r.sessionDescription;
  }

  /**
   * Pulls other sessions' tracks into this one; the SFU's offer (if any) goes to the browser to answer.
   * `pulled`: each track the SFU took, with the mid it got here (the SFU answers in the order asked).
   */
  async pullTracks(
    sessionId: string,
    tracks: { sessionId: string; trackName: string }[],
  ): Promise<{ offer: Description | null; pulled: { mid: string; sessionId: string; trackName: string }[] }> {
    const r = await this.#call("POST", `sessions/${encodeURIComponent(sessionId)}/tracks/new`, TracksAnswer, {
      tracks: tracks.map((t) => ({ location: "remote", ...t })),
    });
    const pulled = (r.tracks ?? []).flatMap((t, i) => {
      const asked = tracks[i];
      return !t.error && t.mid && asked ? [{ mid: t.mid, sessionId: asked.sessionId, trackName: asked.trackName }] : [];
    });
    return { offer: r.requiresImmediateRenegotiation && r.sessionDescription ? r.sessionDescription : null, pulled };
  }

  async renegotiate(sessionId: string, answer: Description): Promise<void> {
    await this.#call("PUT", `sessions/${encodeURIComponent(sessionId)}/renegotiate`, z.unknown(), {
      sessionDescription: answer,
    });
  }

  /** Closes tracks by mid with `force`: the SFU stops at once, whatever the browser does. */
  async closeTracks(sessionId: string, mids: string[]): Promise<void> {
    await this.#call("PUT", `sessions/${encodeURIComponent(sessionId)}/tracks/close`, z.unknown(), {
      tracks: mids.map((mid) => ({ mid })),
      force: true,
    });
  }

  async session(sessionId: string): Promise<SessionInfo> {
    return this.#call("GET", `sessions/${encodeURIComponent(sessionId)}`, SessionInfo);
  }
}
