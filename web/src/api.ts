import { hc } from "hono/client";
import type { ApiType } from "#shared/api-types";

/**
 * The typed API client, checked against the Worker's route definitions (`ApiType` is emitted by
 * `tsc -p tsconfig.json` into .types/). Cookies ride along for signed-in service members.
 */
export const api = hc<ApiType>(`${location.origin}/api`, { init: { credentials: "include" } });
