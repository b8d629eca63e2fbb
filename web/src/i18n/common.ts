import { createTranslator } from "./translator";

/** Shared strings: the frame around every page. Pages keep their own namespaces. */
const en = {
  "app.name": "Meetinghouse",
  "app.tagline": "Find a meeting. Join in two clicks. Stay anonymous.",
  "app.skipToContent": "Skip to main content",
  "app.language": "Language",
  "app.nav.directory": "Meetings",
  "app.nav.service": "Service dashboard",
  "app.loading": "Loading…",
  "app.error": "Something went wrong. Please try again.",
  "app.notFound": "We couldn't find that page.",
  "app.backHome": "Back to meetings",
} as const satisfies Record<string, string>;

export type Key = keyof typeof en;

export const common = createTranslator<Key>({ en, es: () => import("./common.es") });
