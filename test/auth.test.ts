import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { keyFor, signToken } from "../worker/auth/jwt";
import { ensureUser } from "../worker/auth/users";
import { call, type ErrorJson } from "./helpers";
import { createGroup, createMember } from "./fixtures";

type Outbox = { to: string; subject: string; url: string; sentAt: string }[];

async function outboxFor(email: string, atLeast = 1): Promise<Outbox> {
  for (let i = 0; i < 50; i++) {
    const mail = ((await (await call("/api/dev/outbox")).json()) as Outbox).filter(
      (m) => m.to.toLowerCase() === email.toLowerCase(),
    );
    if (mail.length >= atLeast) return mail;
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}

/** The sign-in token from a link's fragment (`/service#token=…`): never in the path or query. */
function tokenFrom(url: string): string {
  return new URLSearchParams(new URL(url).hash.slice(1)).get("token") ?? "";
}

function cookiesFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

let clients = 0;
/** A distinct connecting address per call site, so rate limits of one test do not bleed into another. */
const client = () => ({ "CF-Connecting-IP": `198.51.100.${++clients}` });

describe("magic-link sign-in", () => {
  it("goes request → outbox → link with the token in its fragment → page posts it → cookies → /api/me", async () => {
    const group = await createGroup({ name: "Sunrise Group" });
    const member = await createMember(group.id, ["secretary"], { email: "sunrise.secretary@example.test" });
    const res = await call("/api/auth/magic-link", {
      method: "POST",
      json: { email: "Sunrise.Secretary@example.test" },
      headers: client(),
    });
    expect(res.status).toBe(202);
    const [mail] = await outboxFor("sunrise.secretary@example.test");
    const link = new URL(mail?.url ?? "");
    // Browsers never send a fragment to a server, so the token is in no request URL, log or trace.
    expect(`${link.origin}${link.pathname}${link.search}`).toBe(`${env.APP_ORIGIN}/service`);
    expect(tokenFrom(link.href).length).toBeGreaterThan(20);
    const callback = await call("/api/auth/session", { method: "POST", json: { token: tokenFrom(link.href) } });
    expect(callback.status).toBe(200);
    expect((await call(`/api/auth/callback?token=${tokenFrom(link.href)}`)).status).toBe(404);
    const setCookies = callback.headers.getSetCookie().join("\n");
    expect(setCookies).toMatch(/mh_access=.*HttpOnly/i);
    expect(setCookies).toMatch(/SameSite=Lax/i);
    expect(setCookies).toMatch(/mh_refresh=.*Path=\/api\/auth/i);
    const me = await call("/api/me", { headers: { Cookie: cookiesFrom(callback) } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as {
      user: { id: string };
      assignments: { groupId: string; groupName: string; role: string }[];
    };
    expect(body.user.id).toBe(member.userId);
    expect(body.assignments).toEqual([
      { groupId: group.id, groupName: "Sunrise Group", groupTimezone: "America/Chicago", role: "secretary" },
    ]);
  });

  it("rejects a used link and an expired link", async () => {
    await ensureUser(env, "once@example.test", "Once");
    await call("/api/auth/magic-link", { method: "POST", json: { email: "once@example.test" }, headers: client() });
    const [mail] = await outboxFor("once@example.test");
    const token = tokenFrom(mail?.url ?? "");
    expect((await call("/api/auth/token", { method: "POST", json: { token } })).status).toBe(200);
    const again = await call("/api/auth/token", { method: "POST", json: { token } });
    expect(again.status).toBe(400);
    expect(((await again.json()) as ErrorJson).error.code).toBe("invalid_link");
    // Expire every outstanding link, then try a fresh one.
    await call("/api/auth/magic-link", { method: "POST", json: { email: "once@example.test" }, headers: client() });
    const mails = await outboxFor("once@example.test", 2);
    await env.DB.prepare("UPDATE sign_in_tokens SET expires_at = ?")
      .bind(Date.now() - 1)
      .run();
    const expired = await call("/api/auth/token", { method: "POST", json: { token: tokenFrom(mails[0]?.url ?? "") } });
    expect(expired.status).toBe(400);
  });

  it("answers known and unknown emails alike and mails only the known", async () => {
    await ensureUser(env, "known@example.test", "Known");
    const known = await call("/api/auth/magic-link", {
      method: "POST",
      json: { email: "known@example.test" },
      headers: client(),
    });
    const unknown = await call("/api/auth/magic-link", {
      method: "POST",
      json: { email: "nobody@example.test" },
      headers: client(),
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect(await outboxFor("known@example.test")).toHaveLength(1);
    expect(await outboxFor("nobody@example.test")).toHaveLength(0);
  });

  it("validates the email", async () => {
    const res = await call("/api/auth/magic-link", {
      method: "POST",
      json: { email: "not-an-email" },
      headers: client(),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.issues?.[0]?.path).toBe("json.email");
  });
});

/**
 * The SIGNIN_LIMITER binding allows 5 a key per fixed 60 s window aligned to the wall clock, and a
 * test cannot move that clock. So these assertions hold wherever a window boundary falls:
 * - the first 5 calls on a fresh key are always accepted (no window can hold more than 5 of them);
 * - 11 calls within 60 s span at most two windows, so one window holds ≥ 6 of them: at least one
 *   429 is certain. Every test finishes within the 20 s test timeout, far inside 60 s.
 * A rollover only moves where the first 429 lands, which the tests never assume.
 */
const LIMIT = 5;
const CERTAIN_TO_TRIP = 2 * LIMIT + 1;

describe("sign-in rate limits", () => {
  it("answers 429 with Retry-After past the per-client limit, and never within the first 5", async () => {
    const headers = client();
    const answers: Response[] = [];
    for (let i = 0; i < CERTAIN_TO_TRIP; i++)
      answers.push(
        await call("/api/auth/magic-link", { method: "POST", json: { email: `flood${i}@example.test` }, headers }),
      );
    expect(answers.slice(0, LIMIT).map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(answers.every((r) => r.status === 202 || r.status === 429)).toBe(true);
  });

  it("limits per email address across different clients", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < CERTAIN_TO_TRIP; i++)
      statuses.push(
        (
          await call("/api/auth/magic-link", {
            method: "POST",
            json: { email: "target@example.test" },
            headers: client(),
          })
        ).status,
      );
    expect(statuses.slice(0, LIMIT)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses).toContain(429);
  });
});

describe("sign-in timing", () => {
  /** A D1 binding that records each statement's SQL and runs it on the real database. */
  function recordingD1(statements: string[]): D1Database {
    return {
      prepare: (sql: string) => {
        statements.push(sql);
        return env.DB.prepare(sql);
      },
      batch: (list: D1PreparedStatement[]) => env.DB.batch(list),
      exec: (sql: string) => env.DB.exec(sql),
    } as unknown as D1Database;
  }

  /** The SQL run before the answer and after it (waitUntil), for one sign-in request. */
  async function signInWork(email: string) {
    const { default: worker } = await import("../worker/dev/index");
    const statements: string[] = [];
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request("http://127.0.0.1:8787/api/auth/magic-link", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...client() },
        body: JSON.stringify({ email }),
      }),
      { ...env, DB: recordingD1(statements) },
      ctx,
    );
    const beforeAnswer = [...statements];
    await waitOnExecutionContext(ctx);
    return {
      status: res.status,
      body: await res.json(),
      beforeAnswer,
      background: statements.slice(beforeAnswer.length),
    };
  }

  it("does the same database work for known and unknown addresses before answering; mail goes in the background", async () => {
    await ensureUser(env, "timing.known@example.test", "Known");
    const known = await signInWork("timing.known@example.test");
    const unknown = await signInWork("timing.nobody@example.test");
    expect(known.status).toBe(202);
    expect(unknown).toMatchObject({ status: 202, body: known.body });
    expect(known.beforeAnswer).toEqual(unknown.beforeAnswer);
    expect(known.beforeAnswer.some((sql) => /insert/i.test(sql))).toBe(false);
    expect(known.background.some((sql) => /insert into "sign_in_tokens"/i.test(sql))).toBe(true);
    expect(unknown.background).toEqual([]);
  });
});

describe("JWT attacks", () => {
  async function meWith(token: string) {
    return (await call("/api/me", { headers: { Authorization: `Bearer ${token}` } })).status;
  }

  async function craft(mutate: (jwt: SignJWT) => SignJWT, secret = env.JWT_SECRET, kid?: string) {
    const member = await createMember(null, []);
    const fid = (JSON.parse(atob(member.accessToken.split(".")[1] ?? "")) as { fid: string }).fid;
    const key = await keyFor(secret);
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ fid, adm: false })
      .setProtectedHeader({ alg: "HS256", kid: kid ?? key.kid })
      .setIssuer("meetinghouse")
      .setAudience("meetinghouse:access")
      .setSubject(member.userId)
      .setJti("j1")
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 600);
    return { member, token: await mutate(jwt).sign(key.key) };
  }

  it("accepts a well-formed token (control)", async () => {
    const { token } = await craft((j) => j);
    expect(await meWith(token)).toBe(200);
  });

  it("refuses alg none", async () => {
    const { token } = await craft((j) => j);
    const [, payload] = token.split(".");
    const header = btoa(JSON.stringify({ alg: "none", typ: "JWT" })).replace(/=+$/, "");
    expect(await meWith(`${header}.${payload}.`)).toBe(401);
  });

  it("refuses a token signed with another key", async () => {
    const { token } = await craft((j) => j, "attacker-secret-attacker-secret-000");
    expect(await meWith(token)).toBe(401);
    const { token: sameKidOtherKey } = await craft(
      (j) => j,
      "attacker-secret-attacker-secret-000",
      (await keyFor(env.JWT_SECRET)).kid,
    );
    expect(await meWith(sameKidOtherKey)).toBe(401);
  });

  it("refuses expired, not-yet-valid, wrong audience and wrong issuer", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await meWith((await craft((j) => j.setExpirationTime(now - 10))).token)).toBe(401);
    expect(await meWith((await craft((j) => j.setNotBefore(now + 3600))).token)).toBe(401);
    expect(await meWith((await craft((j) => j.setAudience("meetinghouse:refresh"))).token)).toBe(401);
    expect(await meWith((await craft((j) => j.setIssuer("someone-else"))).token)).toBe(401);
  });

  it("refuses a tampered payload", async () => {
    const { token } = await craft((j) => j);
    const [h, p, s] = token.split(".");
    const claims = JSON.parse(atob((p ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    claims.adm = true;
    const forged = btoa(JSON.stringify(claims)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(await meWith(`${h}.${forged}.${s}`)).toBe(401);
  });

  it("refuses a refresh or room token used as an access token", async () => {
    const member = await createMember(null, []);
    expect(await meWith(member.refreshToken)).toBe(401);
    const ticket = await signToken(env.JWT_SECRET, "meetinghouse:room-ticket", member.userId, {}, 60);
    expect(await meWith(ticket)).toBe(401);
  });
});

describe("refresh rotation and logout", () => {
  it("rotates, and a reused refresh token revokes the whole family", async () => {
    const member = await createMember(null, []);
    const first = await call("/api/auth/refresh", { method: "POST", json: { refreshToken: member.refreshToken } });
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as { accessToken: string; refreshToken: string };
    expect(rotated.refreshToken).not.toBe(member.refreshToken);
    const reuse = await call("/api/auth/refresh", { method: "POST", json: { refreshToken: member.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as ErrorJson).error.code).toBe("refresh_reused");
    // The whole family is dead: the rotated refresh token and every access token of it.
    expect(
      (await call("/api/auth/refresh", { method: "POST", json: { refreshToken: rotated.refreshToken } })).status,
    ).toBe(401);
    expect((await call("/api/me", { headers: { Authorization: `Bearer ${rotated.accessToken}` } })).status).toBe(401);
    expect((await call("/api/me", { headers: member.auth })).status).toBe(401);
  });

  it("logout stops the access token at once", async () => {
    const member = await createMember(null, []);
    expect((await call("/api/me", { headers: member.auth })).status).toBe(200);
    expect((await call("/api/auth/logout", { method: "POST", headers: member.auth })).status).toBe(200);
    expect((await call("/api/me", { headers: member.auth })).status).toBe(401);
    expect(
      (await call("/api/auth/refresh", { method: "POST", json: { refreshToken: member.refreshToken } })).status,
    ).toBe(401);
  });
});

describe("my data", () => {
  it("exports my data and erases me, keeping an anonymous row", async () => {
    const group = await createGroup();
    const member = await createMember(group.id, ["treasurer"], { email: "erase.me@example.test" });
    const exported = await call("/api/me/export", { headers: member.auth });
    expect(exported.status).toBe(200);
    const data = (await exported.json()) as { user: { email: string }; serviceAssignments: { role: string }[] };
    expect(data.user.email).toBe("erase.me@example.test");
    expect(data.serviceAssignments.map((a) => a.role)).toEqual(["treasurer"]);
    expect((await call("/api/me", { method: "DELETE", headers: member.auth })).status).toBe(200);
    expect((await call("/api/me", { headers: member.auth })).status).toBe(401);
    const row = await env.DB.prepare("SELECT email_hmac, email_enc, display_name, erased_at FROM users WHERE id = ?")
      .bind(member.userId)
      .first();
    expect(row).toMatchObject({ email_hmac: null, email_enc: null, display_name: "Former member" });
    expect(row?.erased_at).toBeTypeOf("number");
    // An erased address gets no mail any more.
    await call("/api/auth/magic-link", { method: "POST", json: { email: "erase.me@example.test" }, headers: client() });
    expect(await outboxFor("erase.me@example.test")).toHaveLength(0);
  });
});

describe("service roles", () => {
  it("lets a group admin invite, list and end assignments; the invitee gets a link", async () => {
    const group = await createGroup();
    const admin = await createMember(group.id, ["admin"]);
    const invite = await call(`/api/groups/${group.id}/members`, {
      method: "POST",
      json: { email: "new.host@example.test", role: "host", endsOn: "2099-12-31" },
      headers: admin.auth,
    });
    expect(invite.status).toBe(201);
    const { assignment } = (await invite.json()) as { assignment: { id: string } };
    expect(await outboxFor("new.host@example.test")).toHaveLength(1);
    const list = (await (await call(`/api/groups/${group.id}/members`, { headers: admin.auth })).json()) as {
      items: { id: string; role: string; active: boolean }[];
    };
    expect(list.items.find((i) => i.id === assignment.id)).toMatchObject({ role: "host", active: true });
    expect(JSON.stringify(list)).not.toContain("new.host@example.test");
    const ended = await call(`/api/groups/${group.id}/members/${assignment.id}/end`, {
      method: "POST",
      json: {},
      headers: admin.auth,
    });
    expect(ended.status).toBe(200);
    const after = (await (await call(`/api/groups/${group.id}/members`, { headers: admin.auth })).json()) as {
      items: { id: string; active: boolean }[];
    };
    expect(after.items.find((i) => i.id === assignment.id)?.active).toBe(false);
  });

  it("an ended assignment grants nothing", async () => {
    const group = await createGroup();
    const past = await createMember(group.id, ["admin"], { endsOn: "2020-01-01" });
    expect((await call(`/api/groups/${group.id}/members`, { headers: past.auth })).status).toBe(403);
  });

  it("only platform admins create groups; bad input names the field", async () => {
    const plain = await createMember(null, []);
    const platform = await createMember(null, [], { platformAdmin: true });
    const body = { name: "Night Owls", timezone: "Europe/Berlin", fiscalYearStartMonth: 7 };
    expect((await call("/api/groups", { method: "POST", json: body, headers: plain.auth })).status).toBe(403);
    expect((await call("/api/groups", { method: "POST", json: body })).status).toBe(401);
    const created = await call("/api/groups", { method: "POST", json: body, headers: platform.auth });
    expect(created.status).toBe(201);
    const bad = await call("/api/groups", {
      method: "POST",
      json: { ...body, timezone: "Mars/Olympus" },
      headers: platform.auth,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorJson).error.issues?.map((i) => i.path)).toContain("json.timezone");
  });
});
