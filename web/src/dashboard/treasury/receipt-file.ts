/** Plain helpers about a receipt file (unit-tested; no network). */

const BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  heic: "image/heic",
  webp: "image/webp",
};

/** The file's content type, from the browser or (for HEIC, which browsers often leave blank) its extension. */
export function receiptType(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  return BY_EXTENSION[file.name.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
}

/** Lowercase hex SHA-256 of the bytes (the API checks the stored object against it). */
export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
