import { describe, expect, it } from "vitest";
import { receiptType, sha256Hex } from "./receipt-file";

describe("receipt upload helpers", () => {
  it("hashes bytes as lowercase hex SHA-256", async () => {
    const bytes = new TextEncoder().encode("abc");
    expect(await sha256Hex(bytes.buffer)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("fills in the type browsers leave blank, from the extension", () => {
    expect(receiptType({ name: "IMG_0001.HEIC", type: "" })).toBe("image/heic");
    expect(receiptType({ name: "r.pdf", type: "application/pdf" })).toBe("application/pdf");
    expect(receiptType({ name: "notes", type: "" })).toBe("application/octet-stream");
  });
});
