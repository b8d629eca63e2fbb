import { describe, expect, it } from "vitest";
import { safeFilename, signDownloadToken, sniffContentType, verifyDownloadToken } from "./attachments";

describe("sniffContentType", () => {
  it("recognises the accepted types by magic bytes", () => {
    expect(sniffContentType(new TextEncoder().encode("%PDF-1.4\n"))).toBe("application/pdf");
    expect(sniffContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffContentType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffContentType(new TextEncoder().encode("\0\0\0\x18ftypheic"))).toBe("image/heic");
  });
  it("refuses anything else", () => {
    expect(sniffContentType(new TextEncoder().encode("<html><script>"))).toBeNull();
    expect(sniffContentType(new Uint8Array([]))).toBeNull();
  });
});

describe("download tokens", () => {
  it("verify for their attachment only, and not with another secret", async () => {
    const { token } = await signDownloadToken("s1", "att_1");
    expect(await verifyDownloadToken("s1", "att_1", token)).toBe(true);
    expect(await verifyDownloadToken("s1", "att_2", token)).toBe(false);
    expect(await verifyDownloadToken("s2", "att_1", token)).toBe(false);
    expect(await verifyDownloadToken("s1", "att_1", `${token}x`)).toBe(false);
  });
  it("expire", async () => {
    const { token } = await signDownloadToken("s1", "att_1", -10);
    expect(await verifyDownloadToken("s1", "att_1", token)).toBe(false);
  });
});

describe("safeFilename", () => {
  it("keeps a readable, header-safe name", () => {
    expect(safeFilename('rent "receipt"\r\n.pdf')).toBe("rent _receipt_.pdf");
    expect(safeFilename("???")).toBe("_");
  });
});
