import { describe, expect, it } from "vitest";
import { ApiFailure } from "./api-failure";
import { gateMessage } from "./gate-answer";
import { joinAnswer } from "./join-answer";

/** The join form's reading of a socket refusal: the same path an HTTP refusal takes. */
function formMessage(failure: ApiFailure) {
  return gateMessage(
    failure.status,
    failure.error.code,
    failure.retryAfter,
    failure.error.issues,
    failure.attemptsLeft,
  );
}

function refusedBy(frame: Parameters<typeof joinAnswer>[0]): ApiFailure {
  const answer = joinAnswer(frame);
  if (answer?.kind !== "refused") throw new Error(`expected a refusal, got ${JSON.stringify(answer)}`);
  return answer.failure;
}

describe("joinAnswer", () => {
  it("hands over the seat of a `joined` frame, without its type", () => {
    expect(
      joinAnswer({ type: "joined", participantId: "p_1", role: "attendee", waiting: true, sessionToken: "jwt" }),
    ).toEqual({ kind: "joined", seat: { participantId: "p_1", role: "attendee", waiting: true, sessionToken: "jwt" } });
  });

  it("reads a wrong passcode with the attempts left, as the HTTP join's header said it", () => {
    const failure = refusedBy({
      type: "join.refused",
      status: 401,
      code: "bad_passcode",
      message: "Wrong passcode",
      attemptsLeft: 2,
    });
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(formMessage(failure)).toEqual({ key: "join.error.badPasscode", attemptsLeft: 2 });
  });

  it("reads a rate limit with the room's wait, as the HTTP join's Retry-After said it", () => {
    const failure = refusedBy({
      type: "join.refused",
      status: 429,
      code: "too_many_guesses",
      message: "Wait",
      retryAfterSeconds: 90,
    });
    expect(failure.retryAfter).toBe("90");
    expect(formMessage(failure)).toEqual({ key: "join.error.tooMany", retryAfterSeconds: 90 });
  });

  it.each([
    [428, "challenge_required", "join.error.challenge"],
    [403, "bad_challenge", "join.error.challengeFailed"],
    [403, "banned", "join.error.banned"],
    [403, "room_locked", "join.error.locked"],
    [409, "room_full", "join.error.full"],
    [409, "not_live", "join.error.notLive"],
    [404, "not_found", "join.error.generic"],
  ])("reads %i %s as %s", (status, code, key) => {
    const failure = refusedBy({ type: "join.refused", status, code, message: code });
    expect(failure.attemptsLeft).toBeNull();
    expect(failure.retryAfter).toBeNull();
    expect(formMessage(failure).key).toBe(key);
  });

  it("ignores every other frame (the socket's owner keeps waiting)", () => {
    expect(joinAnswer({ type: "waiting", message: "Please wait" })).toBeNull();
    expect(joinAnswer({ type: "admitted" })).toBeNull();
  });
});
