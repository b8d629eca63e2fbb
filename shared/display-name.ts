/**
 * The one display-name rule, used by the join gate, by a host's rename and by the web join form
 * (for immediate feedback). Plain code without zod so the browser can load it cheaply.
 */
import { countLinks } from "./links";

/** Visible characters (grapheme clusters) a display name may have. */
export const NAME_MAX_GRAPHEMES = 32;

export type NameProblem = "empty" | "too_long" | "link" | "angle_brackets" | "control" | "invisible" | "host_name";

/** C0/C1 controls, and the bidi embeddings, overrides, isolates and marks that can disguise text. */
const CONTROL_OR_BIDI = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Characters that occupy no space: format characters (zero-width space/joiners, BOM, …) and blanks. */
const INVISIBLE = /[\p{Cf}\p{White_Space}\u3164\uFFA0\u115F\u1160\u2800]/gu;

/** Counts what a reader sees as characters (an emoji with modifiers is one). */
export function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) n++;
  return n;
}

/** Trims and collapses runs of whitespace: the form a name is checked and kept in. */
export function normalizeDisplayName(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

/**
 * Why `name` (already normalized) cannot be used, or null when it can. `hostNames` are the names
 * of the hosts in the room: nobody else may take one of them (case-insensitive), so a troll
 * cannot pose as the chair.
 */
export function displayNameProblem(name: string, hostNames: readonly string[] = []): NameProblem | null {
  if (name.length === 0) return "empty";
  if (CONTROL_OR_BIDI.test(name)) return "control";
  if (name.replace(INVISIBLE, "").length === 0) return "invisible";
  if (graphemeCount(name) > NAME_MAX_GRAPHEMES) return "too_long";
  if (/[<>]/.test(name)) return "angle_brackets";
  if (countLinks(name) > 0) return "link";
  const folded = name.toLocaleLowerCase();
  if (hostNames.some((host) => host.toLocaleLowerCase() === folded)) return "host_name";
  return null;
}

/** What each problem means, for error messages (the web app has its own translated words). */
export const NAME_PROBLEM_MESSAGES: Record<NameProblem, string> = {
  empty: "Names cannot be empty",
  too_long: `Names are at most ${NAME_MAX_GRAPHEMES} characters`,
  link: "Names cannot contain links",
  angle_brackets: "Names cannot contain < or >",
  control: "Names cannot contain control or text-direction characters",
  invisible: "Names need at least one visible character",
  host_name: "That name belongs to a host in this meeting",
};
