import { useSyncExternalStore } from "react";

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = "mh.locale";
const listeners = new Set<() => void>();

function initialLocale(): Locale {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved === "en" || saved === "es") return saved;
  return typeof navigator !== "undefined" && navigator.language.toLowerCase().startsWith("es") ? "es" : "en";
}

let current: Locale = initialLocale();
if (typeof document !== "undefined") document.documentElement.lang = current;

/** Switches the language everywhere and remembers it on this device. */
export function setLocale(next: Locale): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function getLocale(): Locale {
  return current;
}

export function useLocale(): Locale {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
    () => current,
  );
}
