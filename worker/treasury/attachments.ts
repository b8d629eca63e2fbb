/**
 * Receipts in R2: the accepted types, object keys, content sniffing, presigned S3 URLs and the
 * short-lived download tokens. Objects are only reachable through a signed, expiring link.
 */
import { AwsClient } from "aws4fetch";
import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { newId } from "../lib/ids";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ALLOWED_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/heic", "image/webp"] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];
/** The bucket behind the RECEIPTS binding (wrangler.toml), for S3-style presigned URLs. */
export const RECEIPTS_BUCKET = "meetinghouse-receipts";
/** Presigned upload URLs live two minutes: long enough to upload 10 MB, short enough to limit a replayed PUT. */
export const UPLOAD_URL_TTL_SECONDS = 120;
export const DOWNLOAD_TTL_SECONDS = 300;
const DOWNLOAD_AUDIENCE = "meetinghouse:attachment-download";

export const signRequestSchema = z.object({
  groupId: z.string().min(1).max(64),
  filename: z.string().trim().min(1).max(200),
  contentType: z.enum(ALLOWED_TYPES, { error: `Must be one of ${ALLOWED_TYPES.join(", ")}` }),
  size: z
    .int()
    .min(1)
    .max(MAX_ATTACHMENT_BYTES, { error: `Must be at most ${MAX_ATTACHMENT_BYTES} bytes (10 MB)` }),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: "Must be the hex SHA-256 of the file" })
    .transform((s) => s.toLowerCase()),
  via: z.enum(["s3", "worker"]).optional(),
});

/** A fresh object key: group-scoped, random, never derived from the user's filename. */
export function newAttachmentKey(groupId: string): { id: string; key: string } {
  const id = newId("att_");
  return { id, key: `receipts/${groupId}/${id}` };
}

/** A filename safe for a Content-Disposition header. */
export function safeFilename(name: string): string {
  const clean = name
    .replace(/[^\w.\- ]+/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
  return clean || "receipt";
}

/** Recognises the file types we accept by their first bytes; null when none matches. */
export function sniffContentType(head: Uint8Array): AllowedType | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  const ascii = (from: number, text: string) => [...text].every((ch, i) => head[from + i] === ch.charCodeAt(0));
  if (ascii(0, "%PDF-")) return "application/pdf";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "image/webp";
  if (ascii(4, "ftyp") && ["heic", "heix", "mif1", "msf1", "hevc", "heim", "heis"].some((brand) => ascii(8, brand)))
    return "image/heic";
  return null;
}

/** S3 endpoint for presigned URLs: the account's R2 endpoint, or the local dev one. */
export function s3Endpoint(env: Env): string {
  return env.R2_ACCOUNT_ID
    ? `https://${env.R2_ACCOUNT_ID}.r2.cloudflarestorage.com`
    : `${env.APP_ORIGIN}/cdn-cgi/local/r2/s3`;
}

/** True when S3 credentials are configured (then uploads go straight to R2). */
export function hasS3Credentials(env: Env): boolean {
  return Boolean(env.R2_ACCESS_KEY_ID && env.R2_SECRET_ACCESS_KEY);
}

/** A presigned S3 URL (query-string signature) for `method` on `key`, valid for `ttlSeconds`. */
export async function presignS3(
  env: Env,
  method: "PUT" | "GET",
  key: string,
  ttlSeconds: number,
  headers: Record<string, string> = {},
): Promise<string> {
  const client = new AwsClient({
    accessKeyId: env.R2_ACCESS_KEY_ID,
    secretAccessKey: env.R2_SECRET_ACCESS_KEY,
    service: "s3",
    region: "auto",
  });
  const url = new URL(`${s3Endpoint(env)}/${RECEIPTS_BUCKET}/${key.split("/").map(encodeURIComponent).join("/")}`);
  url.searchParams.set("X-Amz-Expires", String(ttlSeconds));
  const signed = await client.sign(new Request(url, { method, headers }), { aws: { signQuery: true } });
  return signed.url;
}

/** Key for download tokens: derived from JWT_SECRET but distinct from session tokens' key. */
function downloadKey(secret: string): Uint8Array {
  return new TextEncoder().encode(`attachment-download:${secret}`);
}

/** A short-lived token that lets its holder fetch one attachment once it was authorized. */
export async function signDownloadToken(
  secret: string,
  attachmentId: string,
  ttlSeconds = DOWNLOAD_TTL_SECONDS,
): Promise<{ token: string; expiresAt: number }> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(DOWNLOAD_AUDIENCE)
    .setSubject(attachmentId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(downloadKey(secret));
  return { token, expiresAt: (now + ttlSeconds) * 1000 };
}

/** True when `token` is a valid, unexpired download token for `attachmentId`. */
export async function verifyDownloadToken(secret: string, attachmentId: string, token: string): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, downloadKey(secret), {
      algorithms: ["HS256"],
      audience: DOWNLOAD_AUDIENCE,
      requiredClaims: ["exp", "sub"],
    });
    return payload.sub === attachmentId;
  } catch {
    return false;
  }
}
