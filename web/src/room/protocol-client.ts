import type { ChatMode, Reaction, ServerMessage, LIMITS as ServerLimits } from "#shared/room-protocol";
import { type JsonSchema, matches } from "./frame-check";
import generated from "./protocol.generated.json";

/**
 * The browser's view of the shared room protocol, without zod at run time: importing any value
 * from shared/room-protocol.ts runs its top-level zod schemas (~30 KB gzipped). The JSON is
 * generated from that module and checked against it by protocol-client.test.ts, so the two can
 * never drift; the types still come straight from the protocol module.
 */
export const LIMITS = generated.limits as typeof ServerLimits;
export const REACTIONS = generated.reactions as readonly Reaction[];
export const CHAT_MODES = generated.chatModes as readonly ChatMode[];
export const SERVER_MESSAGE_SCHEMA = generated.serverMessage as unknown as JsonSchema;

/** One server frame, validated against the schema generated from the shared zod `ServerMessage`; null if untrusted. */
export function parseServerFrame(data: unknown): ServerMessage | null {
  try {
    const json: unknown = JSON.parse(String(data));
    return matches(SERVER_MESSAGE_SCHEMA, json) ? (json as ServerMessage) : null;
  } catch {
    return null;
  }
}
