import { describe, expect, it } from "vitest";
import { isAnswerTo, isRefusalOf, VoiceRequests } from "./voice-requests";

describe("voice request ids", () => {
  it("ids are unique, and name the page and the connection they were minted on", () => {
    const requests = new VoiceRequests("pg");
    requests.newConnection();
    expect([requests.next(), requests.next()]).toEqual(["pg.1.1", "pg.1.2"]);
    requests.newConnection();
    expect(requests.next()).toBe("pg.2.1");
    expect(new VoiceRequests().next()).not.toBe(new VoiceRequests().next());
  });

  it("after a reconnect, a late answer, offer or refusal for the old connection is not current; the new one's are", () => {
    const requests = new VoiceRequests("pg");
    requests.newConnection();
    const oldJoin = requests.next();
    const oldRenegotiate = requests.next();
    requests.newConnection();
    const join = requests.next();
    expect(requests.isCurrent({ requestId: oldJoin })).toBe(false);
    expect(requests.isCurrent({ joinId: oldJoin })).toBe(false);
    expect(requests.isCurrent({ requestId: oldRenegotiate })).toBe(false);
    expect(requests.isCurrent({ requestId: join })).toBe(true);
    expect(requests.isCurrent({ joinId: join })).toBe(true);
  });

  it("connection 1 is not connection 10 or 11, and another page's ids never match", () => {
    const requests = new VoiceRequests("pg");
    for (let i = 0; i < 11; i++) requests.newConnection();
    expect(requests.isCurrent({ requestId: "pg.1.1" })).toBe(false);
    expect(requests.isCurrent({ requestId: "pg.11.1" })).toBe(true);
    expect(requests.isCurrent({ requestId: "other.11.1" })).toBe(false);
  });

  it("a frame that names no request (one no request asked for, or a room before request ids) counts as current", () => {
    const requests = new VoiceRequests("pg");
    requests.newConnection();
    expect(requests.isCurrent({})).toBe(true);
  });

  it("only the unmute's own answer settles it; an answer naming no request is taken as before", () => {
    expect(isAnswerTo({ requestId: "pg.1.3" }, "pg.1.3")).toBe(true);
    expect(isAnswerTo({ requestId: "pg.1.2" }, "pg.1.3")).toBe(false);
    expect(isAnswerTo({}, "pg.1.3")).toBe(true);
  });

  it("only the unmute's own refusal settles it: another frame's refusal (a chat message over budget) does not", () => {
    expect(isRefusalOf({ code: "no_floor", requestId: "pg.1.3" }, "pg.1.3")).toBe(true);
    expect(isRefusalOf({ code: "voice_refused", requestId: "pg.1.2" }, "pg.1.3")).toBe(false);
    expect(isRefusalOf({ code: "rate_limited" }, "pg.1.3")).toBe(false);
    expect(isRefusalOf({ code: "chat_off" }, "pg.1.3")).toBe(false);
    // A frame the room could not read names no request: it may be the unmute's (too large a description).
    expect(isRefusalOf({ code: "frame_too_large" }, "pg.1.3")).toBe(true);
    expect(isRefusalOf({ code: "invalid_message" }, "pg.1.3")).toBe(true);
  });
});
