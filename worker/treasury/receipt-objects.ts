/**
 * Where a receipt's bytes live in R2. An upload goes to its own random key (the only key a
 * presigned PUT is ever signed for); confirming copies the checked bytes to a content-addressed key
 * named by their SHA-256 and removes the upload key. Nothing can write to a content key after that
 * (no URL is ever signed for one), and every download re-checks the bytes against the recorded hash,
 * so a confirmed receipt cannot be replaced — not even by a second PUT to a still-valid upload URL.
 */
import type { Attachment } from "../db/schema-treasury";
import { refuse } from "../lib/errors";
import { log } from "../lib/log";
import { sha256Hex } from "./idempotency";

/** The content-addressed key of a group's receipt: same bytes, same key (R2 keys are per group). */
export function contentKey(groupId: string, sha256: string): string {
  return `receipts/${groupId}/sha256/${sha256}`;
}

/**
 * Stores the checked bytes under their content key. R2 verifies `sha256` on write, so a body that
 * is not the checked one is refused rather than stored. The caller then removes the upload key.
 */
export async function storeConfirmedReceipt(
  env: Env,
  row: Pick<Attachment, "groupId" | "contentType" | "sha256">,
  bytes: Uint8Array,
): Promise<void> {
  await env.RECEIPTS.put(contentKey(row.groupId, row.sha256), bytes, {
    httpMetadata: { contentType: row.contentType },
    sha256: row.sha256,
  });
}

/**
 * The bytes of a confirmed receipt, checked against its recorded SHA-256. Receipts confirmed before
 * content keys existed are still read from their upload key, under the same check. A mismatch is
 * never served: 409 `receipt_integrity`, logged by id.
 */
export async function readConfirmedReceipt(
  env: Env,
  row: Pick<Attachment, "id" | "groupId" | "r2Key" | "sha256">,
): Promise<Uint8Array> {
  const object = (await env.RECEIPTS.get(contentKey(row.groupId, row.sha256))) ?? (await env.RECEIPTS.get(row.r2Key));
  if (!object) throw refuse("not_found", "not_found", "Attachment not found");
  const bytes = new Uint8Array(await object.arrayBuffer());
  if ((await sha256Hex(bytes)) !== row.sha256) {
    log("attachment_hash_mismatch", { attachmentId: row.id });
    throw refuse(
      "conflict",
      "receipt_integrity",
      "The stored file no longer matches the receipt's recorded SHA-256, so it is not served; tell the treasurer",
    );
  }
  return bytes;
}
