import { useSyncExternalStore } from "react";

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = "mh.locale";
const listeners = new Set<() => void>();
/** Each namespace's loader of one locale's strings (see createTranslator). */
const loaders = new Set<(locale: Locale) => Promise<unknown>>();

function initialLocale(): Locale {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved === "en" || saved === "es") return saved;
  return typeof navigator !== "undefined" && navigator.language.toLowerCase().startsWith("es") ? "es" : "en";
}

let current: Locale = initialLocale();
let requested: Locale = current;
if (typeof document !== "undefined") document.documentElement.lang = current;

/** Bumped whenever what the page should say changes: a switch, or late strings arriving. */
let version = 0;

function changed(): void {
  version++;
  for (const l of listeners) l();
}

/**
 * A namespace joins the store when its module runs (the entry's at start, a lazy chunk's when it
 * loads). One that arrives after a switch away from English loads its strings at once, and the page
 * re-renders with them (withStrings makes a lazy chunk wait for them instead).
 */
export function registerStrings(load: (locale: Locale) => Promise<unknown>): void {
  loaders.add(load);
  if (current !== "en") load(current).then(changed, () => undefined);
}

/**
 * Loads `locale` for every namespace, including any that registered while it loaded. Resolves
 * false when some could not load (offline): those show English until a later load brings them.
 */
async function loadStrings(locale: Locale): Promise<boolean> {
  let count: number;
  let complete = true;
  do {
    count = loaders.size;
    const results = await Promise.allSettled([...loaders].map((load) => load(locale)));
    complete &&= results.every((r) => r.status === "fulfilled");
  } while (loaders.size !== count);
  return complete;
}

/** Strings that could not load are fetched again when the connection comes back, and the page re-renders. */
function retryWhenOnline(): void {
  if (typeof window === "undefined") return;
  window.addEventListener("online", () => void loadStrings(current).then(changed), { once: true });
}

function apply(next: Locale): void {
  current = next;
  if (typeof document !== "undefined") document.documentElement.lang = next;
  changed();
}

/**
 * Switches the language everywhere and remembers it on this device. The strings load first and the
 * switch happens after, in one render. A namespace whose strings cannot load (offline, not fetched
 * before) shows English, never a key, until they can: the page itself may well be translated.
 */
export async function setLocale(next: Locale): Promise<void> {
  requested = next;
  const complete = await loadStrings(next);
  if (requested !== next) return; // a later choice won
  if (typeof localStorage !== "undefined") localStorage.setItem(STORAGE_KEY, next);
  apply(next);
  if (!complete) retryWhenOnline();
}

/**
 * Resolves once the current language's strings are loaded for every namespace registered so far:
 * awaited before the first render and after each lazy chunk loads (`withStrings`), so no English
 * flashes before them. What cannot load shows in English until it can.
 */
export async function stringsReady(): Promise<void> {
  if (!(await loadStrings(current))) retryWhenOnline();
}

/** A lazy chunk's loader that resolves only once the chunk's own strings are ready too (for React.lazy). */
export function withStrings<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => {
    const chunk = await load();
    await stringsReady();
    return chunk;
  };
}

export function getLocale(): Locale {
  return current;
}

/** The current language, for components: they re-render on a switch and when late strings arrive. */
export function useLocale(): Locale {
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => version,
    () => version,
  );
  return current;
}
