import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AUTHZ_RULE, type AuthRule } from "../worker/auth/authz";
import { signToken } from "../worker/auth/jwt";
import { app } from "../worker/app";
import { db } from "../worker/db/client";
import { meetings, occurrences } from "../worker/db/schema";
import { call } from "./helpers";
import { createGroup, createMember } from "./fixtures";

/**
 * The authorization matrix, generated from the app's own route table: every route × every kind of
 * caller → allowed or denied, as the route's declared rule says. A route without a rule fails here.
 */

type RouteEntry = { method: string; path: string; handler: unknown };
type Endpoint = { method: string; path: string; rule: AuthRule | undefined; firstIsRule: boolean };

function endpoints(): Endpoint[] {
  const byKey = new Map<string, RouteEntry[]>();
  for (const r of app.routes as RouteEntry[]) {
    if (r.method === "ALL") continue; // middleware (`use`) and the JSON 404 catch-all's siblings
    const key = `${r.method} ${r.path}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.entries()].map(([key, handlers]) => {
    const [method = "", path = ""] = key.split(" ");
    const marked = handlers.find((h) => typeof h.handler === "function" && AUTHZ_RULE in (h.handler as object));
    const rule = marked ? ((marked.handler as Record<symbol, AuthRule>)[AUTHZ_RULE] as AuthRule) : undefined;
    return { method, path, rule, firstIsRule: handlers[0] === marked };
  });
}

const PRINCIPALS = [
  "anonymous",
  "attendee",
  "otherGroup",
  "secretary",
  "host",
  "treasurer",
  "admin",
  "expired",
] as const;
type PrincipalName = (typeof PRINCIPALS)[number];

function expectedAllowed(rule: AuthRule, who: PrincipalName): boolean {
  const signedIn = who !== "anonymous" && who !== "attendee";
  switch (rule.kind) {
    case "public":
      return true;
    case "signedIn":
      return signedIn;
    case "platformAdmin":
      return false; // none of these principals is a platform admin
    case "groupRole":
      return (rule.roles as readonly string[]).includes(who);
    case "participant":
      return who === "attendee" && !rule.hostOnly;
  }
}

describe("every route declares an authorization rule", () => {
  const all = endpoints();
  it("has routes to check", () => expect(all.length).toBeGreaterThan(10));
  for (const e of all) {
    it(`${e.method} ${e.path}`, () => {
      expect(e.rule, `${e.method} ${e.path} has no authz() rule`).toBeDefined();
      expect(e.firstIsRule, `${e.method} ${e.path}: authz() must run before anything else`).toBe(true);
    });
  }
});

describe("authorization matrix", () => {
  const ids = { groupId: "", meetingId: "", occurrenceId: "" };

  beforeAll(async () => {
    const group = await createGroup({ name: "Matrix Group" });
    ids.groupId = group.id;
    ids.meetingId = "mtg_matrix";
    ids.occurrenceId = "occ_matrix";
  });

  /**
   * The meeting and its occurrence as every route expects to find them. Restored before each route:
   * an allowed caller of an earlier route (archive, cancel, start) may have changed or removed them,
   * and a route must be judged on its rule, not on which routes ran before it.
   */
  beforeEach(async () => {
    const now = Date.now();
    const meeting = {
      id: ids.meetingId,
      groupId: ids.groupId,
      slug: "matrix-meeting",
      name: "Matrix",
      types: ["O"],
      languages: ["EN"],
      timezone: "America/Chicago",
      days: [1],
      startTime: "07:00",
      durationMinutes: 60,
      status: "active" as const,
      updatedAt: now,
    };
    await db(env).insert(meetings).values(meeting).onConflictDoUpdate({ target: meetings.id, set: meeting });
    const occurrence = {
      id: ids.occurrenceId,
      meetingId: ids.meetingId,
      localDate: "2030-01-07",
      status: "scheduled" as const,
      startsAt: now + 86_400_000,
      endsAt: now + 90_000_000,
    };
    await db(env)
      .insert(occurrences)
      .values(occurrence)
      .onConflictDoUpdate({ target: occurrences.id, set: occurrence });
  });

  /** Fresh principals per route, so a route that signs out or erases its caller cannot affect the next. */
  async function headersFor(who: PrincipalName): Promise<Record<string, string>> {
    switch (who) {
      case "anonymous":
        return {};
      case "attendee": {
        const token = await signToken(
          env.JWT_SECRET,
          "meetinghouse:room-session",
          "p_matrix",
          { occ: ids.occurrenceId, role: "attendee" },
          600,
        );
        return { Authorization: `Bearer ${token}` };
      }
      case "otherGroup": {
        const other = await createGroup();
        return (await createMember(other.id, ["admin", "secretary", "host", "treasurer"])).auth;
      }
      case "expired":
        return (await createMember(ids.groupId, ["admin", "secretary", "host", "treasurer"], { endsOn: "2020-12-31" }))
          .auth;
      default:
        return (await createMember(ids.groupId, [who])).auth;
    }
  }

  function concretePath(path: string): string {
    return path
      .replace(/:groupId\b/g, ids.groupId)
      .replace(/:occurrenceId\b/g, ids.occurrenceId)
      .replace(/\/occurrences\/:id\b/g, `/occurrences/${ids.occurrenceId}`)
      .replace(/\/rooms\/:id\b/g, `/rooms/${ids.occurrenceId}`)
      .replace(/\/meetings\/:(id|idOrSlug)\b/g, `/meetings/${ids.meetingId}`)
      .replace(/:\w+(\{[^}]*\})?/g, "x")
      .replace(/\*/g, "x");
  }

  for (const e of endpoints()) {
    if (!e.rule) continue;
    const rule = e.rule;
    it(`${e.method} ${e.path} (${rule.kind}${rule.kind === "groupRole" ? `: ${rule.roles.join("|")}` : ""})`, async () => {
      const outcomes: string[] = [];
      for (const who of PRINCIPALS) {
        const init = e.method === "GET" || e.method === "HEAD" ? {} : { json: { groupId: ids.groupId } };
        const res = await call(concretePath(e.path), {
          method: e.method,
          headers: await headersFor(who),
          redirect: "manual",
          ...init,
        });
        const code =
          res.status === 401 || res.status === 403
            ? ((
                (await res
                  .clone()
                  .json()
                  .catch(() => ({}))) as { error?: { code?: string } }
              ).error?.code ?? "")
            : "";
        const denied = code === "unauthenticated" || code === "forbidden";
        const expected = expectedAllowed(rule, who);
        if (denied === expected)
          outcomes.push(`${who}: expected ${expected ? "allow" : "deny"}, got ${res.status} ${code}`);
      }
      expect(outcomes).toEqual([]);
    });
  }
});
