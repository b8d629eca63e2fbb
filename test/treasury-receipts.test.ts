import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { purgeUnconfirmedAttachments } from "../worker/treasury/attachments-purge";
import { sha256Hex } from "../worker/treasury/idempotency";
import { contentKey } from "../worker/treasury/receipt-objects";
import { createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import { type Books, jsonOf, post, setupBooks } from "./treasury-helpers";

// A real 1×1 PNG and a minimal PDF.
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (ch) => ch.charCodeAt(0),
);
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

let b: Books;
type SignAnswer = { id: string; upload: { method: string; url: string; headers: Record<string, string>; via: string } };

async function sign(bytes: Uint8Array, contentType: string, extra: Record<string, unknown> = {}, who = b.secretary) {
  return call("/api/attachments/sign", {
    method: "POST",
    json: {
      groupId: b.groupId,
      filename: "receipt file.png",
      contentType,
      size: bytes.byteLength,
      sha256: await sha256Hex(bytes),
      via: "worker",
      ...extra,
    },
    headers: who.auth,
  });
}

async function upload(answer: SignAnswer, bytes: Uint8Array, who = b.secretary, headers: Record<string, string> = {}) {
  const path = new URL(answer.upload.url).pathname;
  return call(path, {
    method: "PUT",
    body: bytes,
    headers: { ...who.auth, ...answer.upload.headers, "Content-Length": String(bytes.byteLength), ...headers },
  });
}

const confirm = (id: string, who = b.secretary) =>
  call("/api/attachments/confirm", { method: "POST", json: { id }, headers: who.auth });

beforeAll(async () => {
  b = await setupBooks();
});

describe("receipts round trip through R2", () => {
  it("sign → PUT to the Worker → confirm → signed download returns the same bytes", async () => {
    const res = await sign(PNG, "image/png");
    expect(res.status).toBe(201);
    const answer = await jsonOf<SignAnswer>(res);
    expect(answer.upload).toMatchObject({ method: "PUT", via: "worker" });
    expect((await upload(answer, PNG)).status).toBe(204);
    const confirmed = await confirm(answer.id);
    expect(confirmed.status).toBe(200);
    expect((await jsonOf<{ attachment: { status: string } }>(confirmed)).attachment.status).toBe("confirmed");

    const link = await jsonOf<{ url: string; header: string; token: string }>(
      await call(`/api/attachments/${answer.id}/link`, { method: "POST", headers: b.treasurer.auth }),
    );
    // The token never travels in a URL (URLs land in traces): the download URL is bare.
    expect(new URL(link.url).search).toBe("");
    expect(link.header).toBe("X-Download-Token");
    const dl = await call(new URL(link.url).pathname, { headers: { "X-Download-Token": link.token } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(PNG);

    // The link is bound to its attachment and its token; no token, no file; a token in the query is not one.
    expect(
      (await call(`/api/attachments/${answer.id}/download`, { headers: { "X-Download-Token": "x".repeat(40) } }))
        .status,
    ).toBe(403);
    expect((await call(`/api/attachments/${answer.id}/download`)).status).toBe(400);
    expect((await call(`/api/attachments/${answer.id}/download?token=${link.token}`)).status).toBe(400);

    // A confirmed receipt backs an expense that is then paid without a no-receipt reason.
    const claim = await call(`/api/groups/${b.groupId}/treasury/expenses`, {
      method: "POST",
      json: {
        payee: "Print shop",
        amountCents: 2599,
        accountId: b.accounts["5300"],
        description: "Meeting lists",
        attachmentId: answer.id,
      },
      headers: b.secretary.auth,
    });
    const { expense } = await jsonOf<{ expense: { id: string } }>(claim);
    await call(`/api/groups/${b.groupId}/treasury/expenses/${expense.id}/approve`, {
      method: "POST",
      headers: b.admin.auth,
    });
    expect((await post(`/api/groups/${b.groupId}/treasury/expenses/${expense.id}/pay`, b.treasurer, {})).status).toBe(
      200,
    );
  });

  it("a confirmed receipt is immutable: a second PUT to its upload URL after confirm changes nothing that is served", async () => {
    const answer = await jsonOf<SignAnswer>(await sign(PNG, "image/png"));
    expect((await upload(answer, PNG)).status).toBe(204);
    expect((await confirm(answer.id)).status).toBe(200);
    const row = (await env.DB.prepare("SELECT r2_key, sha256 FROM attachments WHERE id = ?")
      .bind(answer.id)
      .first<{ r2_key: string; sha256: string }>())!;
    // Confirm moved the bytes to their content-addressed key and removed the upload key.
    expect(await env.RECEIPTS.head(row.r2_key)).toBeNull();
    const stored = await env.RECEIPTS.get(contentKey(b.groupId, row.sha256));
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(PNG);

    // Again through the Worker: refused. Again through a still-valid presigned URL: that PUT writes
    // the upload key in the bucket, which is exactly what this does.
    expect((await upload(answer, PDF)).status).toBe(409);
    await env.RECEIPTS.put(row.r2_key, PDF, { httpMetadata: { contentType: "image/png" } });
    const download = async () => {
      const link = await jsonOf<{ url: string; token: string }>(
        await call(`/api/attachments/${answer.id}/link`, { method: "POST", headers: b.treasurer.auth }),
      );
      return call(new URL(link.url).pathname, { headers: { "X-Download-Token": link.token } });
    };
    const dl = await download();
    expect(dl.status).toBe(200);
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(PNG);
    // Confirming again changes nothing either.
    expect((await confirm(answer.id)).status).toBe(200);
    expect(new Uint8Array(await (await download()).arrayBuffer())).toEqual(PNG);
    // The daily purge sweeps the re-created upload key.
    await purgeUnconfirmedAttachments(env, Date.now());
    expect(await env.RECEIPTS.head(row.r2_key)).toBeNull();
  });

  it("a stored receipt whose bytes no longer match its SHA-256 is refused, never served", async () => {
    const answer = await jsonOf<SignAnswer>(await sign(PNG, "image/png"));
    await upload(answer, PNG);
    expect((await confirm(answer.id)).status).toBe(200);
    const row = (await env.DB.prepare("SELECT r2_key, sha256 FROM attachments WHERE id = ?")
      .bind(answer.id)
      .first<{ r2_key: string; sha256: string }>())!;
    const tampered = PNG.slice();
    tampered[tampered.length - 5] ^= 0xff;
    // Whatever key the bytes are read from, they were replaced behind the application's back.
    for (const key of [row.r2_key, contentKey(b.groupId, row.sha256)])
      await env.RECEIPTS.put(key, tampered, { httpMetadata: { contentType: "image/png" } });
    const link = await jsonOf<{ url: string; token: string }>(
      await call(`/api/attachments/${answer.id}/link`, { method: "POST", headers: b.treasurer.auth }),
    );
    const dl = await call(new URL(link.url).pathname, { headers: { "X-Download-Token": link.token } });
    expect(dl.status).toBe(409);
    expect((await jsonOf<ErrorJson>(dl)).error.code).toBe("receipt_integrity");
  });

  it("offers a presigned S3 PUT when credentials are configured", async () => {
    const answer = await jsonOf<SignAnswer>(await sign(PDF, "application/pdf", { via: undefined }));
    expect(answer.upload.via).toBe("s3");
    const url = new URL(answer.upload.url);
    expect(url.pathname).toContain("/meetinghouse-receipts/receipts/");
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("120");
  });

  it("refuses a tampered upload (bytes differ from the signed sha256) and deletes the object", async () => {
    const answer = await jsonOf<SignAnswer>(await sign(PNG, "image/png"));
    const tampered = PNG.slice();
    tampered[tampered.length - 5] ^= 0xff;
    expect((await upload(answer, tampered)).status).toBe(204);
    const res = await confirm(answer.id);
    expect(res.status).toBe(422);
    expect((await jsonOf<ErrorJson>(res)).error.issues?.[0].path).toBe("object.sha256");
    const row = await env.DB.prepare("SELECT status, r2_key FROM attachments WHERE id = ?")
      .bind(answer.id)
      .first<{ status: string; r2_key: string }>();
    expect(row?.status).toBe("pending");
    expect(await env.RECEIPTS.head(row!.r2_key)).toBeNull();
    expect(
      (await call(`/api/attachments/${answer.id}/link`, { method: "POST", headers: b.treasurer.auth })).status,
    ).toBe(409);
  });

  it("refuses bytes that are not the declared type, even with a matching hash", async () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const answer = await jsonOf<SignAnswer>(await sign(html, "image/png"));
    expect((await upload(answer, html)).status).toBe(204);
    const res = await confirm(answer.id);
    expect(res.status).toBe(422);
    expect((await jsonOf<ErrorJson>(res)).error.issues?.[0].path).toBe("object.contentType");
  });

  it("refuses oversized and wrong-size uploads and disallowed types", async () => {
    const big = await sign(PNG, "image/png", { size: 10 * 1024 * 1024 + 1 });
    expect(big.status).toBe(400);
    expect((await jsonOf<ErrorJson>(big)).error.issues?.[0].path).toBe("json.size");
    const exe = await sign(PNG, "application/x-msdownload");
    expect((await jsonOf<ErrorJson>(exe)).error.issues?.[0].path).toBe("json.contentType");

    const answer = await jsonOf<SignAnswer>(await sign(PNG, "image/png"));
    const longer = new Uint8Array(PNG.byteLength + 10);
    longer.set(PNG);
    const res = await upload(answer, longer);
    expect(res.status).toBe(400);
    expect((await jsonOf<ErrorJson>(res)).error.code).toBe("size_mismatch");
    const huge = await upload(answer, PNG, b.secretary, { "Content-Length": String(11 * 1024 * 1024) });
    expect([400, 413]).toContain(huge.status);
    // Someone writing straight into R2 (as a presigned URL would allow) still cannot confirm an object larger than signed.
    const row = await env.DB.prepare("SELECT r2_key FROM attachments WHERE id = ?")
      .bind(answer.id)
      .first<{ r2_key: string }>();
    await env.RECEIPTS.put(row!.r2_key, longer, { httpMetadata: { contentType: "image/png" } });
    const refused = await confirm(answer.id);
    expect(refused.status).toBe(422);
    expect((await jsonOf<ErrorJson>(refused)).error.issues?.[0].path).toBe("object.size");
    expect((await confirm(answer.id)).status).toBe(422);
  });

  it("only service members of the group may sign, upload, confirm or get a link", async () => {
    const outsider = await createMember(null, []);
    const res = await call("/api/attachments/sign", {
      method: "POST",
      json: {
        groupId: b.groupId,
        filename: "r.png",
        contentType: "image/png",
        size: PNG.byteLength,
        sha256: await sha256Hex(PNG),
        via: "worker",
      },
      headers: outsider.auth,
    });
    expect(res.status).toBe(403);
    const answer = await jsonOf<SignAnswer>(await sign(PNG, "image/png"));
    expect((await upload(answer, PNG, outsider)).status).toBe(404);
    expect((await upload(answer, PNG)).status).toBe(204);
    expect((await confirm(answer.id, outsider)).status).toBe(404);
    expect((await confirm(answer.id)).status).toBe(200);
    expect((await call(`/api/attachments/${answer.id}/link`, { method: "POST", headers: outsider.auth })).status).toBe(
      404,
    );
    expect((await call(`/api/attachments/${answer.id}/link`, { method: "POST" })).status).toBe(401);
  });
});

describe("purgeUnconfirmedAttachments", () => {
  it("deletes unconfirmed uploads older than a day (object and row) and keeps the rest", async () => {
    const stale = await jsonOf<SignAnswer>(await sign(PNG, "image/png"));
    await upload(stale, PNG);
    const fresh = await jsonOf<SignAnswer>(await sign(PNG, "image/png"));
    const kept = await jsonOf<SignAnswer>(await sign(PNG, "image/png"));
    await upload(kept, PNG);
    await confirm(kept.id);
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    await env.DB.prepare("UPDATE attachments SET created_at = ? WHERE id IN (?, ?)")
      .bind(twoDaysAgo, stale.id, kept.id)
      .run();
    const staleKey = (await env.DB.prepare("SELECT r2_key FROM attachments WHERE id = ?")
      .bind(stale.id)
      .first<{ r2_key: string }>())!.r2_key;
    const before = await env.DB.prepare(
      "SELECT count(*) AS n FROM attachments WHERE status = 'pending' AND created_at < ?",
    )
      .bind(Date.now() - 86_400_000)
      .first<{ n: number }>();
    const { deleted } = await purgeUnconfirmedAttachments(env, Date.now());
    expect(deleted).toBe(before?.n);
    expect(await env.RECEIPTS.head(staleKey)).toBeNull();
    const ids = (await env.DB.prepare("SELECT id FROM attachments").all<{ id: string }>()).results.map((r) => r.id);
    expect(ids).not.toContain(stale.id);
    expect(ids).toContain(fresh.id);
    expect(ids).toContain(kept.id);
  });
});
