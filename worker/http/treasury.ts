/** Request plumbing shared by the treasury routes: the acting user and Idempotency-Key replays. */
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { db } from "../db/client";
import { idempotencyKeys } from "../db/schema-treasury";
import type { AppEnv } from "../env";
import { fail } from "./errors";
import { log } from "../lib/log";
import { decideReplay, IDEMPOTENCY_KEY_PATTERN, requestFingerprint } from "../treasury/idempotency";
import { isUniqueViolation, runBatch, type Statement } from "../treasury/store";

/** The signed-in user making the request (every treasury rule requires one). */
export function actorId(c: Context<AppEnv>): string {
  const p = c.get("principal");
  if (p.kind !== "user") throw fail(401, "unauthenticated", "Sign in to continue");
  return p.userId;
}

/** The group the route's authorization rule resolved. */
export function groupIdOf(c: Context<AppEnv>): string {
  const id = c.get("groupId");
  if (!id) throw fail(500, "internal", "Route is missing its group rule");
  return id;
}

export type MoneyWrite = { status: 200 | 201; body: Record<string, unknown>; statements: Statement[] };

/** Domain conflicts a batch can hit (a unique index guarding a rule) and how to answer them. */
export type UniqueConflict = { target: string; status: ContentfulStatusCode; code: string; message: string };

function replayResponse(status: number, body: string, replayed: boolean): Response {
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=UTF-8" };
  if (replayed) headers["Idempotent-Replayed"] = "true";
  return new Response(body, { status, headers });
}

async function storedResponse(env: Env, groupId: string, key: string) {
  return db(env)
    .select({
      requestHash: idempotencyKeys.requestHash,
      responseStatus: idempotencyKeys.responseStatus,
      responseBody: idempotencyKeys.responseBody,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.groupId, groupId), eq(idempotencyKeys.key, key)))
    .get();
}

/**
 * Runs a money-affecting write under the request's `Idempotency-Key`. The first success stores
 * its response in the same batch as the write; the same key and request later (or concurrently:
 * the key's primary key makes the losing batch fail whole) get that response again; the same
 * key with another request → 422. Failed requests store nothing, so the key can be retried.
 */
export async function idempotentWrite(
  c: Context<AppEnv>,
  body: unknown,
  work: () => Promise<MoneyWrite>,
  conflicts: UniqueConflict[] = [],
): Promise<Response> {
  const key = c.req.header("Idempotency-Key");
  if (!key)
    throw fail(400, "idempotency_key_required", "Send an Idempotency-Key header with money-affecting requests", {
      issues: [{ path: "header.Idempotency-Key", message: "Required" }],
    });
  if (!IDEMPOTENCY_KEY_PATTERN.test(key))
    throw fail(400, "invalid_request", "Idempotency-Key must be 8–128 characters of A–Z a–z 0–9 . _ : -", {
      issues: [{ path: "header.Idempotency-Key", message: "Invalid format" }],
    });
  const groupId = groupIdOf(c);
  const hash = await requestFingerprint(c.req.method, c.req.path, body);

  const answerStored = async (): Promise<Response | null> => {
    const decision = decideReplay(await storedResponse(c.env, groupId, key), hash);
    if (decision.kind === "conflict")
      throw fail(422, "idempotency_key_reused", "This Idempotency-Key was used with a different request");
    if (decision.kind === "replay") return replayResponse(decision.status, decision.body, true);
    return null;
  };

  const earlier = await answerStored();
  if (earlier) return earlier;
  const result = await work();
  const text = JSON.stringify(result.body);
  const record = db(c.env)
    .insert(idempotencyKeys)
    .values({ groupId, key, requestHash: hash, responseStatus: result.status, responseBody: text });
  try {
    await runBatch(c.env, [...result.statements, record]);
  } catch (err) {
    // A concurrent duplicate may trip any guarding unique index first; if its twin won, replay it.
    if (isUniqueViolation(err)) {
      const winner = await answerStored();
      if (winner) return winner;
    }
    for (const k of conflicts) if (isUniqueViolation(err, k.target)) throw fail(k.status, k.code, k.message);
    throw err;
  }
  log("treasury_write", { groupId, route: c.req.routePath, status: result.status });
  return replayResponse(result.status, text, false);
}
