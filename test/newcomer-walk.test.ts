/**
 * Issue 15, the newcomer's walk: a way in for a passcode meeting (shown, after admission, or ask
 * the secretaries by mail) and each meeting's privacy promise (latecomers and earlier chat).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { addMailer, type Mail } from "../worker/auth/mailer";
import { readDevOutbox } from "../worker/dev/outbox";
import { passcodeAskMail } from "../worker/directory/passcode-ask";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call, callWithEnv, type ErrorJson } from "./helpers";
import { addressOf, enter, joinOk, joinRequest, liveRoom, TestSocket } from "./rooms-helpers";

type MeetingJson = {
  meeting: { id: string; slug: string; passcode?: string; passcodeAccess: string; passcodeSealed?: boolean };
};

/** Mail the "capture" mode received (registered for these tests only; the dev entry knows the mode after this). */
const captured: Mail[] = [];
addMailer("capture", () => ({ send: async (mail) => void captured.push(mail) }));

let group: Awaited<ReturnType<typeof createGroup>>;
let secretary: TestMember;
let seq = 0;
const SECRETARY_ADDRESS = "walk.secretary@example.test";
const OTHER_SECRETARY_ADDRESS = "walk.second.secretary@example.test";

beforeAll(async () => {
  group = await createGroup({ name: "Newcomer Walk Group" });
  secretary = await createMember(group.id, ["secretary"], { email: SECRETARY_ADDRESS });
  await createMember(group.id, ["secretary"], { email: OTHER_SECRETARY_ADDRESS });
  // Service members of the group who are not secretaries never receive a newcomer's message.
  await createMember(group.id, ["treasurer"], { email: "walk.treasurer@example.test" });
});

async function createMeeting(overrides: Record<string, unknown>): Promise<Response> {
  seq++;
  return call("/api/meetings", {
    method: "POST",
    headers: secretary.auth,
    json: {
      groupId: group.id,
      name: `Walk Meeting ${seq}`,
      types: ["O"],
      timezone: "America/Chicago",
      schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "07:00", durationMinutes: 60 },
      ...overrides,
    },
  });
}

async function meetingWith(overrides: Record<string, unknown>): Promise<MeetingJson["meeting"]> {
  const res = await createMeeting(overrides);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as MeetingJson).meeting;
}

const PASSCODE = "lantern-4821";

describe("a way in: the secretary chooses how a newcomer gets the passcode", () => {
  it("refuses `after_admit` without the waiting room, on create and on edit, and changes nothing", async () => {
    const refused = await createMeeting({ passcode: PASSCODE, passcodeAccess: "after_admit", waitingRoom: false });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ErrorJson).error.issues?.[0]?.path).toBe("json.passcodeAccess");
    const m = await meetingWith({ passcode: PASSCODE, passcodeAccess: "after_admit", waitingRoom: true });
    const patch = await call(`/api/meetings/${m.id}`, {
      method: "PATCH",
      headers: secretary.auth,
      json: { waitingRoom: false },
    });
    expect(patch.status).toBe(400);
    const page = (await (await call(`/api/meetings/${m.id}`, { headers: secretary.auth })).json()) as {
      meeting: { waitingRoom: boolean };
    };
    expect(page.meeting.waitingRoom).toBe(true);
  });

  it("shows a `shown` passcode on the meeting page only, and no other way in's passcode anywhere public", async () => {
    const shown = await meetingWith({ passcode: PASSCODE, passcodeAccess: "shown" });
    const admitted = await meetingWith({ passcode: "harbor-7730", passcodeAccess: "after_admit", waitingRoom: true });
    const asked = await meetingWith({ passcode: "meadow-1964", passcodeAccess: "ask" });
    const page = async (id: string) => (await (await call(`/api/meetings/${id}`)).json()) as MeetingJson;
    expect((await page(shown.id)).meeting.passcode).toBe(PASSCODE);
    expect((await page(shown.slug)).meeting.passcodeAccess).toBe("shown");
    const publicBodies = [
      JSON.stringify(await page(admitted.id)),
      JSON.stringify(await page(asked.slug)),
      await (await call("/api/meetings?limit=100")).text(),
      await (await call(`/api/feeds/groups/${group.id}/meeting-guide.json`)).text(),
      await (await call("/api/feeds/meeting-guide.json")).text(),
      await (await call(`/api/meetings/${admitted.id}/calendar.ics`)).text(),
      await (await call(`/api/groups/${group.id}/calendar.ics`)).text(),
      await (await call("/api/openapi.json")).text(),
    ];
    for (const body of publicBodies) {
      expect(body).not.toContain("harbor-7730");
      expect(body).not.toContain("meadow-1964");
    }
    // The `shown` passcode belongs to its meeting page, not the directory, feeds or calendars.
    for (const body of publicBodies.slice(2)) expect(body).not.toContain(PASSCODE);
  });

  it("shows the current passcode to the group's secretaries again, and to no one else", async () => {
    const m = await meetingWith({ passcode: PASSCODE, passcodeAccess: "ask" });
    const mine = await call(`/api/meetings/${m.id}/passcode`, { headers: secretary.auth });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Cache-Control")).toBe("no-store");
    expect(await mine.json()).toEqual({ passcode: PASSCODE, hasPasscode: true, passcodeAccess: "ask" });
    expect((await call(`/api/meetings/${m.id}/passcode`)).status).toBe(401);
    const host = await createMember(group.id, ["host"]);
    expect((await call(`/api/meetings/${m.id}/passcode`, { headers: host.auth })).status).toBe(403);
    const stranger = await createMember((await createGroup()).id, ["secretary"]);
    expect((await call(`/api/meetings/${m.id}/passcode`, { headers: stranger.auth })).status).toBe(403);
    // Rotation issues a new one, which the dashboard then reads back.
    const rotated = (await (
      await call(`/api/meetings/${m.id}`, { method: "PATCH", headers: secretary.auth, json: { rotatePasscode: true } })
    ).json()) as { passcode: string };
    expect(
      (await (await call(`/api/meetings/${m.id}/passcode`, { headers: secretary.auth })).json()) as {
        passcode: string;
      },
    ).toMatchObject({ passcode: rotated.passcode });
  });

  it("says a passcode set before it was kept sealed cannot be shown (null), while the hash still admits", async () => {
    const { group: theirs, meetingId, occurrenceId } = await liveRoom({ passcode: "old-passcode" });
    await env.DB.prepare("UPDATE meetings SET passcode_enc = NULL WHERE id = ?").bind(meetingId).run();
    const theirSecretary = await createMember(theirs.id, ["secretary"]);
    expect(
      await (await call(`/api/meetings/${meetingId}/passcode`, { headers: theirSecretary.auth })).json(),
    ).toMatchObject({ passcode: null, hasPasscode: true });
    expect((await joinRequest(occurrenceId, "legacy", { displayName: "Lee", passcode: "old-passcode" })).status).toBe(
      200,
    );
  });
});

describe("ask the group: a message relayed to the secretaries by mail, nothing kept", () => {
  const ask = (id: string, json: unknown, who = "asker", delivery = "capture") =>
    callWithEnv(
      `/api/meetings/${id}/passcode-request`,
      { EMAIL_DELIVERY: delivery },
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": addressOf(who) },
        body: JSON.stringify(json),
      },
    );

  it("mails only the group's secretaries, the reply address only as Reply-To, and answers without any address", async () => {
    const m = await meetingWith({ passcode: PASSCODE, passcodeAccess: "ask" });
    captured.length = 0;
    const res = await ask(
      m.id,
      { message: "Hello, I am new.\r\nMay I come on Tuesday?", replyTo: "newcomer@example.test" },
      "asker-1",
    );
    expect(res.status).toBe(202);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ sent: true });
    expect(text).not.toContain("example.test");
    expect(captured.map((m) => m.to).sort()).toEqual([OTHER_SECRETARY_ADDRESS, SECRETARY_ADDRESS]);
    for (const mail of captured) {
      expect(mail.replyTo).toBe("newcomer@example.test");
      expect(mail.text).toContain("Hello, I am new.\nMay I come on Tuesday?");
      expect(mail.subject).not.toMatch(/[\r\n]|Hello|newcomer@/);
      expect(mail.text).not.toContain(PASSCODE);
    }
    // Without a reply address there is no Reply-To at all.
    captured.length = 0;
    expect((await ask(m.id, { message: "Just saying hi" }, "asker-2")).status).toBe(202);
    expect(captured.every((mail) => mail.replyTo === undefined)).toBe(true);
  });

  it("goes through the development outbox to the secretaries' addresses only", async () => {
    const m = await meetingWith({ passcode: PASSCODE, passcodeAccess: "ask" });
    const before = (await readDevOutbox(env, 500)).length;
    expect((await ask(m.id, { message: "Through the outbox" }, "asker-outbox", "dev-outbox")).status).toBe(202);
    const mails = (await readDevOutbox(env, 500)).slice(0, (await readDevOutbox(env, 500)).length - before);
    expect(mails.map((m) => m.to).sort()).toEqual([OTHER_SECRETARY_ADDRESS, SECRETARY_ADDRESS]);
    expect(JSON.stringify(mails)).not.toContain("Through the outbox");
  });

  it("cannot mail anyone else or inject headers: a recipient field, or CR/LF in the reply address, is refused", async () => {
    const m = await meetingWith({ passcode: PASSCODE, passcodeAccess: "ask" });
    captured.length = 0;
    const attempts = [
      { message: "hi", to: "victim@example.test" },
      { message: "hi", bcc: "victim@example.test" },
      { message: "hi", replyTo: "a@example.test\r\nBcc: victim@example.test" },
      { message: "hi", replyTo: "a@example.test\nBcc: victim@example.test" },
      { message: "hi", replyTo: "a@example.test, victim@example.test" },
      { message: "bell\u0007 and escape\u001b" },
      { message: "   " },
      { message: "x".repeat(1001) },
    ];
    for (const [i, body] of attempts.entries()) {
      const res = await ask(m.id, body, `injector-${i}`);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as ErrorJson).error.code).toBe("invalid_request");
    }
    expect(captured).toEqual([]);
  });

  it("puts a person's words only in the body: the subject is the meeting's name", () => {
    const mail = passcodeAskMail(
      "s@example.test",
      { message: "Subject: spoof\nBcc: x@example.test" },
      { name: "Lakeside", groupName: "Home" },
      "https://x.test/service",
    );
    expect(mail.subject).toBe("Lakeside: a newcomer asks for the passcode");
    expect(mail.replyTo).toBeUndefined();
    expect(mail.to).toBe("s@example.test");
  });

  it("answers 429 past 5 a minute from one network, and 409 for meetings that do not take requests", async () => {
    const m = await meetingWith({ passcode: PASSCODE, passcodeAccess: "ask" });
    // SIGNIN_LIMITER allows 5 a key per fixed 60 s window: 11 calls within a minute span at most two
    // windows, so one of them holds 6 and a 429 is certain wherever the boundary falls.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask(m.id, { message: `flood ${i}` }, "flooder")).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
    const shown = await meetingWith({ passcode: PASSCODE, passcodeAccess: "shown" });
    expect((await ask(shown.id, { message: "hi" }, "polite")).status).toBe(409);
    expect((await ask("mtg_nope", { message: "hi" }, "polite")).status).toBe(404);
  });

  it("limits one meeting across many networks too", async () => {
    const m = await meetingWith({ passcode: PASSCODE, passcodeAccess: "ask" });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask(m.id, { message: `many ${i}` }, `network-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses).toContain(429);
  });
});

describe("after admission: the room sends the passcode to admitted participants only", () => {
  it("lets a newcomer without the passcode knock, sends it only once a host admits them, and still refuses wrong guesses", async () => {
    const { occurrenceId, host } = await liveRoom({
      passcode: PASSCODE,
      passcodeAccess: "after_admit",
      waitingRoom: true,
    });
    const h = await enter(occurrenceId, "walk-host", {}, host.auth);
    await h.socket.next("welcome");
    const wrong = await joinRequest(occurrenceId, "wrong-guess", { displayName: "Wren", passcode: "not-it" });
    expect(wrong.status).toBe(401);
    const newcomer = await joinOk(occurrenceId, "knocker", { displayName: "Nell" });
    expect(newcomer.waiting).toBe(true);
    const socket = await TestSocket.open(newcomer);
    await socket.next("waiting");
    // A host sees them knock; until admitted, the newcomer's socket carries no passcode.
    await h.socket.next("waiting.list", (f) => f.waiting.some((w) => w.id === newcomer.participantId));
    expect(JSON.stringify(socket.frames)).not.toContain(PASSCODE);
    h.socket.send({ type: "host.admit", participantId: newcomer.participantId });
    await socket.next("admitted");
    const frame = await socket.next("passcode");
    expect(frame.passcode).toBe(PASSCODE);
    // Admission order: the welcome comes first, then the passcode.
    expect(socket.frames.findIndex((f) => f.type === "welcome")).toBeLessThan(
      socket.frames.findIndex((f) => f.type === "passcode"),
    );
    socket.close();
    h.socket.close();
  });

  it("never sends the passcode in an `ask` or `shown` room, nor to anyone still waiting", async () => {
    const { occurrenceId } = await liveRoom({ passcode: PASSCODE, passcodeAccess: "ask", waitingRoom: false });
    const a = await enter(occurrenceId, "ask-room", { displayName: "Ana", passcode: PASSCODE });
    await a.socket.next("welcome");
    const b = await enter(occurrenceId, "ask-room-2", { displayName: "Bo", passcode: PASSCODE });
    await b.socket.next("welcome");
    a.socket.send({ type: "chat.send", text: "sync" });
    await a.socket.next("chat.message");
    expect(a.socket.of("passcode")).toEqual([]);
    // No passcode, no knock: only `after_admit` rooms take joiners without it.
    expect((await joinRequest(occurrenceId, "ask-knock", { displayName: "Kit" })).status).toBe(401);
    a.socket.close();
    b.socket.close();
  });
});

describe("the privacy promise: latecomers and the chat from before they came in", () => {
  async function latecomerWelcome(latecomerChat: boolean) {
    const { occurrenceId } = await liveRoom({ latecomerChat, chatRetention: "24h" });
    const early = await enter(occurrenceId, `early-${latecomerChat}`, { displayName: "Early" });
    await early.socket.next("welcome");
    early.socket.send({ type: "chat.send", text: "said before the latecomer came" });
    await early.socket.next("chat.message");
    const late = await enter(occurrenceId, `late-${latecomerChat}`, { displayName: "Late" });
    const welcome = await late.socket.next("welcome");
    early.socket.close();
    late.socket.close();
    return welcome;
  }

  it("gives a latecomer no earlier chat when the meeting keeps it from them (the default)", async () => {
    const welcome = await latecomerWelcome(false);
    expect(welcome.chat).toEqual([]);
    expect(welcome.privacy).toEqual({ chatRetention: "24h", latecomerChat: false });
  });

  it("gives a latecomer the earlier chat when the secretary allows it", async () => {
    const welcome = await latecomerWelcome(true);
    expect(welcome.chat.map((m) => m.text)).toEqual(["said before the latecomer came"]);
    expect(welcome.privacy).toEqual({ chatRetention: "24h", latecomerChat: true });
  });

  it("is a meeting setting the public page states", async () => {
    const m = await meetingWith({ chatRetention: "7d", latecomerChat: true });
    const page = (await (await call(`/api/meetings/${m.id}`)).json()) as {
      meeting: { chatRetention: string; latecomerChat: boolean };
    };
    expect(page.meeting).toMatchObject({ chatRetention: "7d", latecomerChat: true });
  });
});
