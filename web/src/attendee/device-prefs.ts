/**
 * Preferences this browser keeps for itself in local storage (no account, nothing sent to the
 * server): a time-zone override for "in your time", and favourite meetings by id.
 */
const ZONE_KEY = "mh.zone";
const FAVOURITES_KEY = "mh.favourites";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage unavailable (private mode): the preference lasts for this page only.
  }
}

/** A zone the runtime knows, else null. */
export function validZone(zone: string | null): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/** The zone chosen on this device, or null to follow the browser. */
export function zoneOverride(): string | null {
  return validZone(read(ZONE_KEY));
}

export function setZoneOverride(zone: string | null): void {
  write(ZONE_KEY, validZone(zone));
}

/** Favourite meeting ids, newest first (at most 100). */
export function favourites(): string[] {
  try {
    const parsed: unknown = JSON.parse(read(FAVOURITES_KEY) ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((id): id is string => typeof id === "string" && id.length <= 100).slice(0, 100)
      : [];
  } catch {
    return [];
  }
}

/** Adds or removes one meeting; returns the new list. */
export function toggleFavourite(id: string): string[] {
  const now = favourites();
  const next = now.includes(id) ? now.filter((f) => f !== id) : [id, ...now].slice(0, 100);
  write(FAVOURITES_KEY, JSON.stringify(next));
  return next;
}
