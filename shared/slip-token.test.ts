import { exportJWK, generateKeyPair, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import {
  publicJwk,
  type SlipClaims,
  signSlip,
  slipNameHash,
  slipNameMatches,
  unverifiedSlipClaims,
  verifySlip,
} from "./slip-token";

async function newKey(kid: string): Promise<{ kid: string; privateJwk: JWK & { kid: string } }> {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  return { kid, privateJwk: { ...(await exportJWK(privateKey)), kid } };
}

const SID = "slip_0123456789abcdef";
async function claims(name: string | null = "Ana María"): Promise<SlipClaims> {
  return {
    v: 1,
    sid: SID,
    meeting: "Monday Big Book",
    group: "Lakeside Home Group",
    date: "2026-11-30",
    from: "2026-11-30T01:00:00.000Z",
    to: "2026-11-30T01:50:00.000Z",
    confirmedBy: "host",
    nameHash: name === null ? null : await slipNameHash(SID, name),
    iat: 1_796_000_000,
  };
}

/** Flips one character of a base64url segment (0 = header, 1 = payload, 2 = signature). */
function tamper(token: string, segment: number, replace?: (s: string) => string): string {
  const parts = token.split(".");
  const s = parts[segment] ?? "";
  parts[segment] = replace ? replace(s) : `${s.slice(0, 10)}${s[10] === "A" ? "B" : "A"}${s.slice(11)}`;
  return parts.join(".");
}

describe("attendance slips (Ed25519 JWS)", () => {
  it("a slip verifies against the published keys, and the typed name matches however it is spaced or cased", async () => {
    const key = await newKey("k1");
    const token = await signSlip(key, await claims());
    const jwks = { keys: [publicJwk(key.privateJwk)] };
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    const plain = await verifySlip(token, jwks);
    expect(plain).toMatchObject({
      ok: true,
      kid: "k1",
      nameMatches: null,
      claims: { meeting: "Monday Big Book", confirmedBy: "host" },
    });
    expect(await verifySlip(token, jwks, "  ana   MARÍA ")).toMatchObject({ ok: true, nameMatches: true });
    expect(token).not.toContain("Ana");
  });

  it("refuses a forged slip (signed by a key that is not published under that kid)", async () => {
    const real = await newKey("k1");
    const forger = await newKey("k1");
    const forged = await signSlip(forger, await claims());
    expect(await verifySlip(forged, { keys: [publicJwk(real.privateJwk)] })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("refuses an altered slip: payload, header or signature", async () => {
    const key = await newKey("k1");
    const jwks = { keys: [publicJwk(key.privateJwk)] };
    const token = await signSlip(key, await claims());
    const longer = (await claims()).to.replace("01:50", "03:50");
    const payload = btoa(JSON.stringify({ ...(await claims()), to: longer }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(
      await verifySlip(
        tamper(token, 1, () => payload),
        jwks,
      ),
    ).toEqual({ ok: false, reason: "bad_signature" });
    expect(await verifySlip(tamper(token, 2), jwks)).toEqual({ ok: false, reason: "bad_signature" });
    expect((await verifySlip(tamper(token, 0), jwks)).ok).toBe(false);
    expect(await verifySlip("not a slip", jwks)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a slip whose key is no longer published (expired key)", async () => {
    const old = await newKey("k0");
    const current = await newKey("k1");
    const token = await signSlip(old, await claims());
    expect(await verifySlip(token, { keys: [publicJwk(current.privateJwk)] })).toEqual({
      ok: false,
      reason: "unknown_key",
    });
  });

  it("refuses the wrong name, and any name on a slip issued without one", async () => {
    const key = await newKey("k1");
    const jwks = { keys: [publicJwk(key.privateJwk)] };
    expect(await verifySlip(await signSlip(key, await claims()), jwks, "Someone Else")).toEqual({
      ok: false,
      reason: "name_mismatch",
    });
    expect(await verifySlip(await signSlip(key, await claims(null)), jwks, "Ana María")).toEqual({
      ok: false,
      reason: "name_mismatch",
    });
  });

  it("a slip issued before a key rotation still verifies while the previous key is published", async () => {
    const before = await newKey("k1");
    const token = await signSlip(before, await claims());
    const after = await newKey("k2");
    const rotated = { keys: [publicJwk(after.privateJwk), publicJwk(before.privateJwk)] };
    expect(await verifySlip(token, rotated, "Ana María")).toMatchObject({ ok: true, kid: "k1", nameMatches: true });
    expect(await verifySlip(await signSlip(after, await claims()), rotated)).toMatchObject({ ok: true, kid: "k2" });
  });

  it("refuses claims that are not a slip's, even when correctly signed", async () => {
    const key = await newKey("k1");
    await expect(
      signSlip(key, { ...(await claims()), confirmedBy: "Pat the host" } as unknown as SlipClaims),
    ).rejects.toThrow();
  });

  it("checks a typed name on its own (for the verify page's separate answer), false on a slip without a name", async () => {
    expect(await slipNameMatches(await claims(), " ANA maría")).toBe(true);
    expect(await slipNameMatches(await claims(), "Ana Maria")).toBe(false);
    expect(await slipNameMatches(await claims(null), "Ana María")).toBe(false);
  });

  it("reads the claims of the attendee's own slip for printing (meeting zone included), and nothing from a token that is not a slip", async () => {
    const key = await newKey("k1");
    const withZone = { ...(await claims()), meeting: "Reunión de Mañana", tz: "America/Argentina/Buenos_Aires" };
    expect(unverifiedSlipClaims(await signSlip(key, withZone))).toEqual(withZone);
    expect(unverifiedSlipClaims("a.b.c")).toBeNull();
    expect(unverifiedSlipClaims("")).toBeNull();
    const notASlip = `x.${btoa(JSON.stringify({ sub: "someone" }))}.y`;
    expect(unverifiedSlipClaims(notASlip)).toBeNull();
  });
});
