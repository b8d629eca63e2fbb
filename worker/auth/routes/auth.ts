import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { hmac, normalizeEmail } from "../crypto";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "../../http/identify";
import { verifyToken } from "../jwt";
import { consumeMagicLink, prepareMagicLink } from "../magic-link";
import { revokeFamily, rotateRefresh, type SessionTokens, startSession } from "../session";
import { db } from "../../db/client";
import { users } from "../../db/schema";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { log } from "../../lib/log";
import { validate } from "../../http/validate";
import { clientFingerprint, enforceLimit } from "../../http/rate-limit";
import { errors, ok } from "../../apidocs/responses";
import { OkJson, SessionTokensJson, SignInRequestedJson } from "../../apidocs/answers";

const emailBody = z.object({ email: z.email().max(254) }).strict();
const tokenBody = z.object({ token: z.string().min(20).max(200) }).strict();
const refreshBody = z.object({ refreshToken: z.string().min(20).max(2000).optional() }).strict();

/** Secure cookies everywhere except plain-http loopback development (browsers treat it as secure anyway). */
function setSessionCookies(c: Context<AppEnv>, tokens: SessionTokens) {
  const secure =
    new URL(c.req.url).protocol === "https:" || !/^http:\/\/(127\.0\.0\.1|localhost)(:|$)/.test(c.env.APP_ORIGIN);
  setCookie(c, ACCESS_COOKIE, tokens.accessToken, {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/api",
    maxAge: tokens.expiresIn,
  });
  setCookie(c, REFRESH_COOKIE, tokens.refreshToken, {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/api/auth",
    maxAge: 7 * 24 * 3600,
  });
}

function clearSessionCookies(c: Context<AppEnv>) {
  deleteCookie(c, ACCESS_COOKIE, { path: "/api" });
  deleteCookie(c, REFRESH_COOKIE, { path: "/api/auth" });
}

async function isPlatformAdmin(env: Env, userId: string): Promise<boolean> {
  const row = await db(env).select({ admin: users.isPlatformAdmin }).from(users).where(eq(users.id, userId)).get();
  return row?.admin ?? false;
}

async function exchange(c: Context<AppEnv>, token: string): Promise<SessionTokens> {
  const user = await consumeMagicLink(c.env, token);
  if (!user) throw fail(400, "invalid_link", "This sign-in link is invalid, used or expired. Ask for a new one.");
  log("sign_in", { userId: user.id, requestId: c.get("requestId") });
  return startSession(c.env, user.id, user.isPlatformAdmin);
}

/** Passwordless sign-in for service members. Attendees never need any of this. */
export const authRoutes = new Hono<AppEnv>()
  .post(
    "/magic-link",
    allow.public(),
    describeRoute({
      tags: ["auth"],
      summary: "Email a sign-in link (202 whether or not the address is known)",
      responses: ok(SignInRequestedJson, 202),
    }),
    validate("json", emailBody),
    async (c) => {
      const { email } = c.req.valid("json");
      const emailKey = await hmac(c.env.EMAIL_HMAC_KEY, normalizeEmail(email));
      await enforceLimit(c.env, "SIGNIN_LIMITER", `fp:${await clientFingerprint(c)}`);
      await enforceLimit(c.env, "SIGNIN_LIMITER", `email:${emailKey}`);
      const deliver = await prepareMagicLink(c.env, email);
      // Delivery (token insert, mail) starts only once the answer is on its way, for every address
      // alike: nothing a known address sets off runs while its response is being built.
      const afterAnswer = scheduler.wait(0).then(deliver);
      c.executionCtx.waitUntil(
        afterAnswer.catch((err) => log("sign_in_mail_failed", { error: err instanceof Error ? err.name : "error" })),
      );
      return c.json(
        { ok: true, message: "If that address belongs to a service member, a sign-in link is on its way." },
        202,
      );
    },
  )
  .post(
    "/session",
    allow.public(),
    describeRoute({
      tags: ["auth"],
      summary:
        "Sign in from a link: the dashboard posts the token from the link's fragment (#token=…, never sent in a URL) and gets the session cookies",
      responses: ok(OkJson),
    }),
    validate("json", tokenBody),
    async (c) => {
      setSessionCookies(c, await exchange(c, c.req.valid("json").token));
      return c.json({ ok: true });
    },
  )
  .post(
    "/token",
    allow.public(),
    describeRoute({
      tags: ["auth"],
      summary: "Exchange a sign-in token for access and refresh tokens (API clients)",
      responses: ok(SessionTokensJson),
    }),
    validate("json", tokenBody),
    async (c) => {
      const { accessToken, refreshToken, expiresIn } = await exchange(c, c.req.valid("json").token);
      return c.json({ accessToken, refreshToken, expiresIn });
    },
  )
  .post(
    "/refresh",
    allow.public(),
    describeRoute({
      tags: ["auth"],
      summary: "Rotate the refresh token; a reused one revokes its whole family",
      responses: {
        ...ok(SessionTokensJson),
        ...errors({
          status: 401,
          description: "No refresh token, or an invalid, expired or reused one (`refresh_reused` revokes the family)",
        }),
      },
    }),
    validate("json", refreshBody),
    async (c) => {
      const presented = c.req.valid("json").refreshToken ?? getCookie(c, REFRESH_COOKIE);
      if (!presented) throw fail(401, "unauthenticated", "No refresh token");
      const result = await rotateRefresh(c.env, presented, (id) => isPlatformAdmin(c.env, id));
      if (!result.ok) {
        clearSessionCookies(c);
        if (result.reason === "reused") log("refresh_reuse_detected", { requestId: c.get("requestId") });
        throw fail(401, result.reason === "reused" ? "refresh_reused" : "invalid_refresh", "Please sign in again");
      }
      setSessionCookies(c, result.tokens);
      const { accessToken, refreshToken, expiresIn } = result.tokens;
      return c.json({ accessToken, refreshToken, expiresIn });
    },
  )
  .post(
    "/logout",
    allow.public(),
    describeRoute({
      tags: ["auth"],
      summary: "Sign out: revokes the session family so its access token stops working at once",
      responses: ok(OkJson),
    }),
    async (c) => {
      const principal = c.get("principal");
      let familyId = principal.kind === "user" ? principal.familyId : undefined;
      const refresh = getCookie(c, REFRESH_COOKIE);
      if (!familyId && refresh) {
        const payload = await verifyToken(c.env.JWT_SECRET, "meetinghouse:refresh", refresh);
        familyId = typeof payload?.fid === "string" ? payload.fid : undefined;
      }
      if (familyId) await revokeFamily(c.env, familyId, "logout");
      clearSessionCookies(c);
      return c.json({ ok: true });
    },
  );
