import type { hc } from "hono/client";
import type { ApiType } from "#shared/api-types";

/**
 * The API's routes as types, checked against the Worker's route definitions (`ApiType` is emitted
 * by `tsc -p tsconfig.json` into .types/). Types only: the attendee's screens call `fetch`
 * (attendee/attendee-api.ts), so hono's client code stays out of their first load; the dashboard's
 * typed client is dashboard/client.ts.
 */
export type Api = ReturnType<typeof hc<ApiType>>;
