import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { db } from "../worker/db/client";
import { meetings, occurrences } from "../worker/db/schema";
import { newId } from "../worker/lib/ids";
import { passcodeSealer } from "../worker/directory/passcode-seal";
import { hashPasscode } from "../worker/lib/passcode";
import type { ClientMessage, ServerMessage } from "#shared/room-protocol";
import { createGroup, createMember } from "./fixtures";
import { call, type ErrorJson, ORIGIN } from "./helpers";
import type { MeetingRoom } from "../worker/rooms/meeting-room";
import { joinProtocols, resumeProtocols, roomProtocols } from "#shared/room-socket-protocol";

export type MeetingOptions = {
  passcode?: string;
  waitingRoom?: boolean;
  capacity?: number | null;
  chatRetention?: "end" | "24h" | "7d";
  conferenceUrl?: string | null;
  timezone?: string;
  /** How a newcomer gets the passcode (default: ask); the passcode is then also stored sealed. */
  passcodeAccess?: "shown" | "after_admit" | "ask";
  latecomerChat?: boolean;
};

/** A group, a meeting and one occurrence, inserted directly (the meeting routes are built elsewhere). */
export async function createMeeting(opts: MeetingOptions = {}) {
  const group = await createGroup();
  const meetingId = newId("mtg_");
  await db(env)
    .insert(meetings)
    .values({
      id: meetingId,
      groupId: group.id,
      slug: `m-${meetingId
        .slice(-10)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "x")}`,
      name: "Test meeting",
      types: ["O"],
      languages: ["EN"],
      timezone: opts.timezone ?? "America/Chicago",
      days: [1],
      startTime: "19:00",
      durationMinutes: 60,
      passcodeHash: opts.passcode ? await hashPasscode(opts.passcode) : null,
      passcodeEnc: opts.passcode ? await passcodeSealer(env)(opts.passcode) : null,
      passcodeAccess: opts.passcodeAccess ?? "ask",
      latecomerChat: opts.latecomerChat ?? false,
      waitingRoom: opts.waitingRoom ?? false,
      capacity: opts.capacity ?? null,
      chatRetention: opts.chatRetention ?? "end",
      conferenceUrl: opts.conferenceUrl ?? null,
      updatedAt: Date.now(),
    });
  return { group, meetingId };
}

let dayCounter = 0;
/** One occurrence of a meeting: live now by default. */
export async function createOccurrence(
  meetingId: string,
  over: { status?: "scheduled" | "live" | "ended"; startsAt?: number } = {},
) {
  const id = newId("occ_");
  const startsAt = over.startsAt ?? Date.now() - 10 * 60_000;
  dayCounter += 1;
  await db(env)
    .insert(occurrences)
    .values({
      id,
      meetingId,
      localDate: `2030-01-${String(dayCounter).padStart(2, "0")}-${id.slice(-4)}`,
      startsAt,
      endsAt: startsAt + 3600_000,
      status: over.status ?? "live",
    });
  return id;
}

/** A meeting with one live occurrence and a signed-in host of its group. */
export async function liveRoom(opts: MeetingOptions = {}) {
  const { group, meetingId } = await createMeeting(opts);
  const occurrenceId = await createOccurrence(meetingId);
  const host = await createMember(group.id, ["host"]);
  return { group, meetingId, occurrenceId, host };
}

export type JoinBody = {
  ticket: string;
  wsUrl: string;
  participantId: string;
  role: "host" | "attendee";
  waiting: boolean;
  sessionToken: string;
};

/** A stable IPv4 address per test participant name (10.x.y.z), as Cloudflare would send in CF-Connecting-IP. */
export function addressOf(who: string): string {
  let h = 2166136261;
  for (const ch of who) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
}

/** Each test participant connects from its own address, so its guess limits and ban keys are its own. */
export function joinRequest(
  occurrenceId: string,
  who: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return call(`/api/occurrences/${occurrenceId}/join`, {
    method: "POST",
    json: body,
    headers: { "CF-Connecting-IP": addressOf(who), ...headers },
  });
}

export async function joinOk(
  occurrenceId: string,
  who: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<JoinBody> {
  const res = await joinRequest(occurrenceId, who, { displayName: who, ...body }, headers);
  if (res.status !== 200) throw new Error(`join ${who}: ${res.status} ${await res.text()}`);
  return (await res.json()) as JoinBody;
}

/** Where a room socket opens and the single-use ticket it presents (as a join or rejoin answers). */
export type Ticketed = { wsUrl: string; ticket: string };

/** Opens the room socket as a browser does: the ticket as a subprotocol, never in the URL. */
export async function upgrade({ wsUrl, ticket }: Ticketed, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${wsUrl}`, {
      headers: { Upgrade: "websocket", "Sec-WebSocket-Protocol": roomProtocols(ticket).join(", "), ...headers },
    }),
  );
}

/** A real WebSocket client that records every frame and can wait for one. */
export class TestSocket {
  readonly frames: ServerMessage[] = [];
  closed: { code: number } | null = null;
  #waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (event) => {
      this.frames.push(JSON.parse(String(event.data)) as ServerMessage);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    ws.addEventListener("close", (event) => {
      this.closed = { code: event.code };
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async open(target: Ticketed): Promise<TestSocket> {
    return TestSocket.from(await upgrade(target));
  }

  /** The client side of an answered upgrade (throws unless it switched protocols). */
  static async from(res: Response): Promise<TestSocket> {
    if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade: ${res.status} ${await res.text()}`);
    res.webSocket.accept();
    return new TestSocket(res.webSocket);
  }

  send(message: ClientMessage | string): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  of<T extends ServerMessage["type"]>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.frames.filter((f): f is Extract<ServerMessage, { type: T }> => f.type === type);
  }

  /** Waits (up to 5 s, or `timeoutMs`) until `predicate` holds over the frames received so far. */
  async until<R>(
    predicate: (s: TestSocket) => R | undefined | false,
    what = "condition",
    timeoutMs = 5_000,
  ): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = predicate(this);
      if (result) return result;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** The next (or an already received) frame of `type` matching `match`. */
  next<T extends ServerMessage["type"]>(
    type: T,
    match: (f: Extract<ServerMessage, { type: T }>) => boolean = () => true,
  ) {
    return this.until((s) => s.of(type).find(match), type);
  }

  close(): void {
    try {
      this.ws.close(1000, "bye");
    } catch {
      // already closed
    }
  }
}

/** Join and open a socket in one step. */
export async function enter(
  occurrenceId: string,
  who: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const joined = await joinOk(occurrenceId, who, body, headers);
  const socket = await TestSocket.open(joined);
  return { ...joined, socket };
}

/** The one-round-trip join's upgrade: the join request offered as a subprotocol, no ticket. */
export function socketJoinRequest(
  occurrenceId: string,
  who: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}/api/rooms/${occurrenceId}`, {
      headers: {
        Upgrade: "websocket",
        "Sec-WebSocket-Protocol": joinProtocols({ displayName: who, ...body }).join(", "),
        "CF-Connecting-IP": addressOf(who),
        ...headers,
      },
    }),
  );
}

/** Joins over the socket alone; the room answers `joined` then `welcome`/`waiting`, or `join.refused`. */
export async function socketJoin(
  occurrenceId: string,
  who: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<TestSocket> {
  return TestSocket.from(await socketJoinRequest(occurrenceId, who, body, headers));
}

/** The one-round-trip reconnect: the room session token as a subprotocol. */
export async function resumeSocket(occurrenceId: string, sessionToken: string): Promise<TestSocket> {
  return TestSocket.from(
    await exports.default.fetch(
      new Request(`${ORIGIN}/api/rooms/${occurrenceId}`, {
        headers: { Upgrade: "websocket", "Sec-WebSocket-Protocol": resumeProtocols(sessionToken).join(", ") },
      }),
    ),
  );
}

/** The error code of a refused request (`{ "error": { "code" } }`). */
export const errorCode = async (res: Response) => ((await res.json()) as ErrorJson).error.code;

/** A second ticket for the same participant, as a reconnecting browser asks for it with its session token. */
export function rejoinRequest(occurrenceId: string, sessionToken: string): Promise<Response> {
  return call(`/api/occurrences/${occurrenceId}/rejoin`, {
    method: "POST",
    headers: { Authorization: `Bearer ${sessionToken}` },
  });
}

export async function rejoin(occurrenceId: string, sessionToken: string) {
  const res = await rejoinRequest(occurrenceId, sessionToken);
  if (res.status !== 200) throw new Error(`rejoin: ${res.status} ${await res.text()}`);
  return (await res.json()) as Ticketed & { participantId: string };
}

/** The occurrence's room, for reaching inside it (`runInDurableObject`, `runDurableObjectAlarm`). */
export const stubFor = (occurrenceId: string) =>
  env.MeetingRoom.getByName(occurrenceId) as DurableObjectStub<MeetingRoom>;

/** Freezes the room's clock at `at`: budgets, presence and the alarm move only when the test moves it. */
export const setRoomClock = (occurrenceId: string, at: number) =>
  runInDurableObject(stubFor(occurrenceId), (room: MeetingRoom) => {
    room.clock.now = () => at;
  });

/** How many chat messages the room keeps in its storage. */
export const messageCount = (occurrenceId: string) =>
  runInDurableObject(stubFor(occurrenceId), (_room, state) =>
    Number(state.storage.sql.exec("SELECT count(*) AS n FROM messages").one().n),
  );
