/**
 * What counts as a link in text people type: the chat filter flags links, the display-name rule
 * refuses them. Plain code (no imports) so the browser's join form can load it cheaply.
 */
const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|io|ru|xyz|ly|me|gg|co)\b/gi;

/** Counts URL-like tokens (bare domains included). */
export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}
