/**
 * The web app's one door to the Worker's types: the route table (`ApiType`, for `hc<ApiType>`)
 * and the response shapes the dashboard names. They are read from the declarations that
 * `tsc -p tsconfig.json` emits into .types/, so the web build never compiles Worker source; this
 * file is for web/ only (the Worker's tsconfig excludes it: it would read its own output).
 */
export type { ApiType } from "../.types/worker/app";
export type { MonthlyReport } from "../.types/worker/treasury/report";
