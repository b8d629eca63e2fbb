import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { currentMemberships } from "../../auth/authz";
import { db } from "../../db/client";
import { type Attachment, attachments } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { notFound } from "../../lib/errors";
import { log } from "../../lib/log";
import { validate } from "../../http/validate";
import {
  ALLOWED_TYPES,
  DOWNLOAD_TTL_SECONDS,
  hasS3Credentials,
  MAX_ATTACHMENT_BYTES,
  newAttachmentKey,
  presignS3,
  safeFilename,
  signDownloadToken,
  signRequestSchema,
  sniffContentType,
  UPLOAD_URL_TTL_SECONDS,
  verifyDownloadToken,
} from "../attachments";
import { actorId } from "../../http/treasury";
import { sha256Hex } from "../idempotency";
import { readConfirmedReceipt, storeConfirmedReceipt } from "../receipt-objects";
import { auditStatement, runBatch } from "../store";
import { SERVICE_MEMBERS } from "./rules";
import { noContent, ok } from "../../apidocs/responses";
import { AttachmentConfirmedJson, DownloadLinkJson, UploadTargetJson } from "../answers";

const tags = ["attachments"];
const idParam = z.object({ id: z.string().min(1).max(64) });
const confirmBody = z.object({ id: z.string().min(1).max(64) });
/**
 * The download token travels in this header, never in the URL: URLs land in traces and logs
 * (and in browser history). The dashboard fetches the file with it and saves the bytes.
 */
export const DOWNLOAD_TOKEN_HEADER = "X-Download-Token";
const tokenHeader = z.object({ "x-download-token": z.string().min(10).max(2000) });

/** The attachment, if the signed-in user serves the group it belongs to (404 otherwise: no probing). */
async function attachmentForMember(c: Context<AppEnv>, id: string): Promise<Attachment> {
  const row = await db(c.env).select().from(attachments).where(eq(attachments.id, id)).get();
  if (!row) throw notFound("Attachment");
  const memberships = await currentMemberships(c.env, actorId(c));
  if (!memberships.some((m) => m.groupId === row.groupId && SERVICE_MEMBERS.includes(m.role)))
    throw notFound("Attachment");
  return row;
}

type Refusal = { path: string; message: string };

/**
 * Checks the uploaded object against what was signed: exists, size, type, magic bytes, sha256.
 * Returns the checked bytes (≤ 10 MB), so exactly these are stored under the content key.
 */
async function inspectUpload(env: Env, row: Attachment): Promise<{ refusals: Refusal[]; bytes?: Uint8Array }> {
  const head = await env.RECEIPTS.head(row.r2Key);
  if (!head) return { refusals: [{ path: "object", message: "Nothing was uploaded" }] };
  const refusals: Refusal[] = [];
  if (head.size > MAX_ATTACHMENT_BYTES) refusals.push({ path: "object.size", message: "Larger than 10 MB" });
  if (head.size !== row.size)
    refusals.push({ path: "object.size", message: `Uploaded ${head.size} bytes, signed for ${row.size}` });
  const storedType = head.httpMetadata?.contentType ?? "";
  if (storedType !== row.contentType || !(ALLOWED_TYPES as readonly string[]).includes(storedType))
    refusals.push({ path: "object.contentType", message: "Content type differs from the signed one" });
  if (refusals.length) return { refusals };
  const body = await env.RECEIPTS.get(row.r2Key);
  if (!body) return { refusals: [{ path: "object", message: "Nothing was uploaded" }] };
  const bytes = new Uint8Array(await body.arrayBuffer());
  if (bytes.byteLength !== row.size)
    return {
      refusals: [{ path: "object.size", message: `Uploaded ${bytes.byteLength} bytes, signed for ${row.size}` }],
    };
  if (sniffContentType(bytes.subarray(0, 16)) !== row.contentType)
    return { refusals: [{ path: "object.contentType", message: `The file's bytes are not a ${row.contentType}` }] };
  if ((await sha256Hex(bytes)) !== row.sha256)
    return { refusals: [{ path: "object.sha256", message: "The file's SHA-256 differs from the signed one" }] };
  return { refusals: [], bytes };
}

/** Receipts: sign an upload, upload through the Worker, confirm, and download via a signed link. */
export const attachmentRoutes = new Hono<AppEnv>()
  .post(
    "/sign",
    allow.roles(SERVICE_MEMBERS, { from: "body", field: "groupId" }),
    describeRoute({
      tags,
      summary: "Get an upload target for a receipt (presigned R2 PUT or the Worker upload route)",
      responses: ok(UploadTargetJson, 201),
    }),
    validate("json", signRequestSchema),
    async (c) => {
      const body = c.req.valid("json");
      const { id, key } = newAttachmentKey(body.groupId);
      const actor = actorId(c);
      const d = db(c.env);
      const row = {
        id,
        groupId: body.groupId,
        r2Key: key,
        filename: body.filename,
        contentType: body.contentType,
        size: body.size,
        sha256: body.sha256,
        status: "pending" as const,
        createdBy: actor,
      };
      await runBatch(c.env, [
        d.insert(attachments).values(row),
        auditStatement(d, {
          groupId: body.groupId,
          actorId: actor,
          action: "attachment.sign",
          entity: "attachment",
          entityId: id,
          after: { contentType: body.contentType, size: body.size, sha256: body.sha256 },
        }),
      ]);
      const headers = { "Content-Type": body.contentType };
      const useS3 = body.via !== "worker" && hasS3Credentials(c.env);
      const url = useS3
        ? await presignS3(c.env, "PUT", key, UPLOAD_URL_TTL_SECONDS, headers)
        : `${c.env.APP_ORIGIN}/api/attachments/${id}/upload`;
      return c.json(
        {
          id,
          upload: {
            method: "PUT" as const,
            url,
            headers,
            via: useS3 ? "s3" : "worker",
            expiresIn: UPLOAD_URL_TTL_SECONDS,
          },
        },
        201,
      );
    },
  )
  .put(
    "/:id/upload",
    allow.signedIn(),
    describeRoute({
      tags,
      summary: "Upload a signed receipt's bytes into R2 (streamed)",
      responses: noContent("Stored; confirm it next"),
    }),
    validate("param", idParam),
    async (c) => {
      const row = await attachmentForMember(c, c.req.valid("param").id);
      if (row.status !== "pending") throw fail(409, "already_confirmed", "This attachment is confirmed and immutable");
      const length = Number(c.req.header("Content-Length") ?? Number.NaN);
      if (!Number.isInteger(length)) throw fail(411, "length_required", "Send Content-Length");
      if (length > MAX_ATTACHMENT_BYTES) throw fail(413, "too_large", "Receipts are limited to 10 MB");
      if (length !== row.size)
        throw fail(400, "size_mismatch", `Signed for ${row.size} bytes, got ${length}`, {
          issues: [{ path: "header.Content-Length", message: "Differs from the signed size" }],
        });
      if ((c.req.header("Content-Type") ?? "").split(";")[0].trim() !== row.contentType) {
        throw fail(415, "content_type_mismatch", `Upload as ${row.contentType}`, {
          issues: [{ path: "header.Content-Type", message: "Differs from the signed type" }],
        });
      }
      const body = c.req.raw.body;
      if (!body) throw fail(400, "invalid_request", "Empty body");
      // A fixed-length stream lets R2 take the body without buffering, and fails on a short or long body.
      const fixed = new FixedLengthStream(row.size);
      const piping = body.pipeTo(fixed.writable).catch(() => undefined);
      try {
        await c.env.RECEIPTS.put(row.r2Key, fixed.readable, { httpMetadata: { contentType: row.contentType } });
      } catch {
        throw fail(400, "upload_failed", "The upload did not match the signed size");
      } finally {
        await piping;
      }
      return c.body(null, 204);
    },
  )
  .post(
    "/confirm",
    allow.signedIn(),
    describeRoute({
      tags,
      summary: "Check the uploaded object and record the receipt",
      responses: ok(AttachmentConfirmedJson),
    }),
    validate("json", confirmBody),
    async (c) => {
      const row = await attachmentForMember(c, c.req.valid("json").id);
      if (row.status === "confirmed") return c.json({ attachment: publicAttachment(row) });
      const { refusals, bytes } = await inspectUpload(c.env, row);
      if (!bytes) {
        // A refused object is deleted at once; the row stays pending so the client may upload again.
        await c.env.RECEIPTS.delete(row.r2Key);
        log("attachment_refused", { attachmentId: row.id, reasons: refusals.length });
        throw fail(422, "attachment_refused", refusals.map((r) => r.message).join("; "), { issues: refusals });
      }
      // Immutable from here: the checked bytes go to their content key, then the upload key goes.
      await storeConfirmedReceipt(c.env, row, bytes);
      const now = Date.now();
      const d = db(c.env);
      await runBatch(c.env, [
        d
          .update(attachments)
          .set({ status: "confirmed", confirmedAt: now })
          .where(and(eq(attachments.id, row.id), eq(attachments.status, "pending"))),
        auditStatement(d, {
          groupId: row.groupId,
          actorId: actorId(c),
          action: "attachment.confirm",
          entity: "attachment",
          entityId: row.id,
          before: { status: "pending" },
          after: { status: "confirmed", sha256: row.sha256 },
          at: now,
        }),
      ]);
      await c.env.RECEIPTS.delete(row.r2Key);
      return c.json({ attachment: publicAttachment({ ...row, status: "confirmed", confirmedAt: now }) });
    },
  )
  .post(
    "/:id/link",
    allow.signedIn(),
    describeRoute({
      tags,
      summary: `A short-lived download token (service members of the group); present it to the download URL in the ${DOWNLOAD_TOKEN_HEADER} header`,
      responses: ok(DownloadLinkJson),
    }),
    validate("param", idParam),
    async (c) => {
      const row = await attachmentForMember(c, c.req.valid("param").id);
      if (row.status !== "confirmed") throw fail(409, "not_confirmed", "This upload is not confirmed");
      const { token, expiresAt } = await signDownloadToken(c.env.JWT_SECRET, row.id);
      return c.json({
        url: `${c.env.APP_ORIGIN}/api/attachments/${row.id}/download`,
        header: DOWNLOAD_TOKEN_HEADER,
        token,
        expiresAt,
        ttlSeconds: DOWNLOAD_TTL_SECONDS,
      });
    },
  )
  .get(
    "/:id/download",
    allow.public(),
    describeRoute({
      tags,
      summary: `Download with a token from POST /link in the ${DOWNLOAD_TOKEN_HEADER} header (the token is the authorization)`,
      responses: {
        200: {
          description: "The attachment's bytes, with its content type",
          content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
        },
      },
    }),
    validate("param", idParam),
    validate("header", tokenHeader),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await verifyDownloadToken(c.env.JWT_SECRET, id, c.req.valid("header")["x-download-token"])))
        throw fail(403, "invalid_link", "This link is invalid or has expired");
      const row = await db(c.env).select().from(attachments).where(eq(attachments.id, id)).get();
      if (row?.status !== "confirmed") throw notFound("Attachment");
      const bytes = await readConfirmedReceipt(c.env, row);
      return new Response(bytes, {
        headers: {
          "Content-Type": row.contentType,
          "Content-Length": String(bytes.byteLength),
          "Content-Disposition": `attachment; filename="${safeFilename(row.filename)}"`,
          "Content-Security-Policy": "sandbox; default-src 'none'",
          "Cache-Control": "private, no-store",
        },
      });
    },
  );

function publicAttachment(row: Attachment) {
  const { r2Key: _, createdBy: __, ...rest } = row;
  return rest;
}
