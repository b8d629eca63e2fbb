import type { MiddlewareHandler } from "hono";
import { mailerConfigProblem } from "../auth/mailer";
import type { AppEnv } from "../env";
import type { ErrorBody } from "#shared/api-error";
import { logError } from "../lib/log";

const ENVIRONMENTS = new Set(["production", "development"]);

/** Every reason this build cannot run with `env`; empty when it can. */
export function configProblems(env: Env): string[] {
  const problems: string[] = [];
  if (!ENVIRONMENTS.has(env.ENVIRONMENT))
    problems.push(`ENVIRONMENT "${env.ENVIRONMENT}" is neither "production" nor "development"`);
  // Tokens and every salted hash (bans, rate limits) rest on these: without one, no request can be served safely.
  for (const name of ["JWT_SECRET", "FINGERPRINT_SECRET"] as const)
    if (!env[name]) problems.push(`${name} is not set (wrangler secret put ${name})`);
  const mail = mailerConfigProblem(env);
  if (mail) problems.push(mail);
  return problems;
}

/**
 * Refuses to serve on a configuration this build cannot honour (an unknown mail mode, say), from
 * the first request on: a clear 500 naming the setting, never a silent fallback.
 */
export const requireKnownConfig: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Two set lookups per request: cheap enough to check every time rather than cache.
  const problems = configProblems(c.env);
  if (problems.length) {
    logError("misconfigured", new Error(problems.join("; ")));
    return c.json(
      {
        error: { code: "misconfigured", message: `The server is misconfigured: ${problems.join("; ")}` },
      } satisfies ErrorBody,
      500,
    );
  }
  await next();
};
