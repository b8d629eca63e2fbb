import { fail } from "./errors";

/**
 * Reads a JSON request body of at most `maxBytes`, refusing a larger one before parsing it:
 * a declared Content-Length over the cap is refused at once, and a body that streams past the
 * cap (no or a false Content-Length) is cut off there. Bad JSON → 400 `malformed_json`.
 */
export async function readCappedJson(req: Request, maxBytes: number, what: string): Promise<unknown> {
  const type = req.headers.get("Content-Type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type))
    throw fail(415, "unsupported_media_type", "Send a JSON body with Content-Type: application/json");
  const tooLarge = () => fail(413, "too_large", `${what} is limited to ${Math.round(maxBytes / 1024 / 1024)} MB`);
  const declared = Number(req.headers.get("Content-Length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) throw fail(400, "invalid_request", "Empty body");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw fail(400, "malformed_json", "The request body is not valid JSON");
  }
}
