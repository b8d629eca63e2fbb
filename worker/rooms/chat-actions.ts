/**
 * The chat actions as rules: plain functions of what the room holds that return what should happen
 * (effect.ts); the handlers apply it. `authorize` has already said the sender may act.
 */
import type { ChatMessage, ChatMode } from "#shared/room-protocol";
import { refusal } from "#shared/room-refusals";
import { chatRefusal, flagReasons } from "./chat-rules";
import type { Decision } from "./effect";
import type { ParticipantRow } from "./store";

/** A new record's id and the moment it is made (gathered by the handler: the rules stay plain). */
export type Fresh = { id: string; at: number };

/** What sending a message depends on. */
export type ChatRoom = { chatMode: ChatMode; flagWords: readonly string[]; hasMessages: boolean };

/**
 * Delivered to everyone admitted, then kept; flagged for the hosts when the flag rules say so. Only
 * the oldest message sets the purge time, so only the first one asks for the alarm.
 */
export function sendChat(sender: ParticipantRow, text: string, room: ChatRoom, fresh: Fresh): Decision {
  const refused = chatRefusal(sender, room.chatMode);
  if (refused) return refused;
  const message: ChatMessage = { id: fresh.id, participantId: sender.id, name: sender.name, text, at: fresh.at };
  const reasons = flagReasons(text, sender.role, room.flagWords);
  const flagged = reasons.length > 0;
  return {
    broadcast: [{ audience: "admitted", message: { type: "chat.message", message } }],
    records: [
      { kind: "message", message },
      ...(flagged
        ? [
            {
              kind: "flag" as const,
              flag: { messageId: message.id, participantId: sender.id, reasons, at: message.at },
            },
          ]
        : []),
    ],
    ...(flagged ? { hostQueues: ["flags" as const] } : {}),
    ...(room.hasMessages ? {} : { alarm: true as const }),
  };
}

/** Gone for everyone (with its reports and flag); a host deleting it is audited against its author. */
export function deleteChat(actor: ParticipantRow, message: ChatMessage | null): Decision {
  if (!message) return refusal("not_found", "No such message");
  return {
    broadcast: [{ audience: "admitted", message: { type: "chat.deleted", messageId: message.id } }],
    records: [{ kind: "deleteMessage", messageId: message.id }],
    ...(actor.role === "host"
      ? { audit: [{ action: "deleteMessage" as const, targetId: message.participantId }] }
      : {}),
  };
}

/** A report joins the hosts' queue; one per person per message: a repeat (a reconnect, a second tab) changes nothing. */
export function report(
  reporter: ParticipantRow,
  message: ChatMessage | null,
  reason: string,
  fresh: Fresh,
  alreadyReported: boolean,
): Decision {
  if (!message) return refusal("not_found", "No such message");
  if (alreadyReported) return {};
  return {
    records: [
      {
        kind: "report",
        report: { id: fresh.id, messageId: message.id, reporterId: reporter.id, reason, at: fresh.at },
      },
    ],
    hostQueues: ["reports"],
  };
}

/** A host clears a message from the queue (its reports and flag) without acting on it; audited against its author. */
export function dismissReport(messageId: string, message: ChatMessage | null, queued: boolean): Decision {
  if (!queued) return refusal("not_found", "That message is not in the report queue");
  return {
    records: [{ kind: "dismissFromQueue", messageId }],
    hostQueues: ["reports", "flags"],
    audit: [{ action: "dismissReport", targetId: message?.participantId ?? null }],
  };
}
