import { getServerByName } from "partyserver";

/** The room stub for an occurrence (runs `onStart` before any RPC). */
export function roomStub(env: Env, occurrenceId: string, locationHint?: DurableObjectLocationHint) {
  return getServerByName(env.MeetingRoom, occurrenceId, locationHint ? { locationHint } : undefined);
}

/**
 * A direct stub (no start-up round trip): the MeetingRoom's own RPC methods and its socket
 * path initialize the object themselves, so the hot join/ticket path saves one hop.
 */
export function roomRpc(env: Env, occurrenceId: string, locationHint?: DurableObjectLocationHint) {
  return env.MeetingRoom.getByName(occurrenceId, locationHint ? { locationHint } : undefined);
}

/** Readiness: a round trip to a fixed, empty room object. */
export async function pingRoom(env: Env): Promise<void> {
  const stub = await roomStub(env, "readyz");
  if ((await stub.ping()) !== "pong") throw new Error("room did not answer");
}
