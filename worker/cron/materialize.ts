import { log } from "../lib/log";

/** Makes sure every active meeting has its occurrences for the next 14 days (filled by the directory work). */
export async function materializeOccurrences(_env: Env, _now: number): Promise<void> {
  log("materialize", { created: 0 });
}
