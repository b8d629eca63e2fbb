/** Idempotency-Key support: a request's fingerprint and what to do with a stored record. */

/** JSON with object keys sorted at every depth, so `{a,b}` and `{b,a}` fingerprint alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Lowercase hex SHA-256 of a string or bytes. */
export async function sha256Hex(data: string | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The request fingerprint stored with a key: sha256 of method, path and canonical body. */
export function requestFingerprint(method: string, path: string, body: unknown): Promise<string> {
  return sha256Hex(`${method.toUpperCase()}\n${path}\n${canonicalJson(body ?? null)}`);
}

export type StoredResponse = { requestHash: string; responseStatus: number; responseBody: string };

export type ReplayDecision =
  | { kind: "proceed" }
  | { kind: "replay"; status: number; body: string }
  | { kind: "conflict" };

/** Same key + same request → replay the first response; same key + another request → conflict. */
export function decideReplay(stored: StoredResponse | undefined, requestHash: string): ReplayDecision {
  if (!stored) return { kind: "proceed" };
  if (stored.requestHash !== requestHash) return { kind: "conflict" };
  return { kind: "replay", status: stored.responseStatus, body: stored.responseBody };
}

/** Keys are opaque client strings; bound them so they index well and never carry a payload. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
