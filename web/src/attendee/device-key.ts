const KEY = "mh.device";

/**
 * A random key this browser keeps in local storage and sends with every join, so a host's ban
 * holds in a new tab. It is not a fingerprint of the browser (nothing about the device goes into
 * it) and the server keeps only a meeting-scoped hash of it, and only for a ban or during the
 * meeting. Clearing site data forgets it. Undefined where storage is unavailable.
 */
export function deviceKey(): string | undefined {
  try {
    const known = localStorage.getItem(KEY);
    if (known && /^[A-Za-z0-9_-]{16,128}$/.test(known)) return known;
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const fresh = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    localStorage.setItem(KEY, fresh);
    return fresh;
  } catch {
    return undefined;
  }
}
