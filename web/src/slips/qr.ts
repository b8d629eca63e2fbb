import qrcode from "qrcode-generator";

/** The link a slip's QR code carries: the token in the fragment, which browsers never send to a server. */
export function verifyUrl(origin: string, token: string): string {
  return `${origin}/verify#slip=${token}`;
}

/** The slip in a verify link's fragment (`#slip=<token>`), or null. */
export function slipFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("slip")?.trim();
  return token ? token : null;
}

/**
 * A QR code (error correction M, smallest version that fits) as one SVG path of its dark modules,
 * one unit per module, runs of a row merged: rendered in the page, no image service involved.
 */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, "M");
  qr.addData(text, "Byte");
  qr.make();
  const size = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && qr.isDark(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size, d: parts.join("") };
}
