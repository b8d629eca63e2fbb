/**
 * Attendance slips in the room, as rules returning an effect (effect.ts): when a request is
 * refused, held for a host, or signed at once; what a host's confirmation does. The slip rules
 * themselves (presence, claims) are worker/slips/slip-rules.ts.
 */
import { refusal } from "#shared/room-refusals";
import { slipClaims, slipConfirmRefusal, slipRequestRefusal } from "../slips/slip-rules";
import { type Decision, isRefusal } from "./effect";
import type { RoomConfig, ParticipantRow, SlipRequest } from "./store";

type SlipSettings = RoomConfig["slip"];

/** A request: refused before the meeting's minimum presence; issued at once with auto-confirm, else held for a host. */
export function requestSlip(
  requester: ParticipantRow,
  slip: SlipSettings,
  asked: { sid: string; nameHash: string | null },
  now: number,
): Decision {
  if (!slip) return refusal("not_live", "Slips are not available in this meeting yet");
  const refused = slipRequestRefusal(requester, slip.minMinutes, now);
  if (refused) return refused;
  const request: SlipRequest = { participantId: requester.id, ...asked, at: now };
  if (slip.autoConfirm) return issue(requester, slip, request, now, "auto");
  return {
    direct: [{ to: requester.id, message: { type: "slip.pending" } }],
    records: [{ kind: "slipRequest", request }],
    hostQueues: ["slipRequests"],
  };
}

/**
 * A host's one click (`authorize` checked who): the request leaves storage before the slip is signed,
 * so a second click, handled while the first signs, finds no request and issues nothing.
 */
export function confirmSlip(
  requester: ParticipantRow | null,
  request: SlipRequest | null,
  slip: SlipSettings,
  now: number,
): Decision {
  const refused = slipConfirmRefusal(requester, request !== null);
  if (refused) return refused;
  if (!requester || !request) return refusal("no_request", "No slip request from that participant");
  const issued = issue(requester, slip, request, now, "host");
  if (isRefusal(issued)) return issued;
  return {
    records: [{ kind: "takeSlipRequest", participantId: requester.id }],
    hostQueues: ["slipRequests"],
    ...issued,
  };
}

/** Signed and sent to the requester only; nothing of it is stored. */
function issue(
  requester: ParticipantRow,
  slip: SlipSettings,
  request: SlipRequest,
  now: number,
  confirmedBy: "host" | "auto",
): Decision {
  if (!slip || requester.admittedAt === null) return refusal("not_admitted", "Wait to be admitted");
  return { slip: { to: requester.id, claims: slipClaims(slip, request, requester.admittedAt, now, confirmedBy) } };
}
