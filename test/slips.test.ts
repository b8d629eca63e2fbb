import { env } from "cloudflare:workers";
import { exportJWK, generateKeyPair, type JSONWebKeySet } from "jose";
import { describe, expect, it } from "vitest";
import { slipKeys } from "../worker/slips/keys";
import { type SlipClaims, signSlip, slipNameHash, verifySlip } from "#shared/slip-token";
import { call } from "./helpers";

/** The private half of the previous test key (vitest.config.ts publishes only its public half). */
const PREVIOUS = {
  kid: "test-slip-2025z",
  privateJwk: {
    kty: "OKP",
    crv: "Ed25519",
    x: "YlKOyOLd8jGyj3pQC1i6zZOIEAj_0FV04ot8KqFwFgg",
    d: "DQLagj0wLOtOkSWcM3We5E4YaMwF_pwu4kKA_byBlac",
  },
};

async function claims(sid: string, name: string): Promise<SlipClaims> {
  return {
    v: 1,
    sid,
    meeting: "Monday Big Book",
    group: "Lakeside Home Group",
    date: "2026-11-30",
    from: "2026-11-30T01:00:00.000Z",
    to: "2026-11-30T01:50:00.000Z",
    confirmedBy: "auto",
    nameHash: await slipNameHash(sid, name),
    iat: 1_796_000_000,
  };
}

async function publishedKeys(): Promise<{ res: Response; jwks: JSONWebKeySet }> {
  const res = await call("/.well-known/jwks.json");
  return { res, jwks: (await res.clone().json()) as JSONWebKeySet };
}

describe("GET /.well-known/jwks.json", () => {
  it("publishes the current and the previous public keys, never a private part", async () => {
    const { res, jwks } = await publishedKeys();
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(jwks.keys.map((k) => k.kid)).toEqual(["test-slip-2026a", "test-slip-2025z"]);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    expect(jwks.keys.every((k) => k.alg === "EdDSA" && k.use === "sig" && k.crv === "Ed25519")).toBe(true);
  });

  it("a slip signed with the deployment's key verifies against the published set; one from before the rotation too", async () => {
    const { jwks } = await publishedKeys();
    const current = slipKeys(env.SLIP_SIGNING_KEY).current;
    const fresh = await signSlip(current, await claims("slip_current_000000001", "Ana"));
    expect(await verifySlip(fresh, jwks, "Ana")).toMatchObject({ ok: true, kid: "test-slip-2026a", nameMatches: true });
    const old = await signSlip(PREVIOUS, await claims("slip_previous_00000001", "Ana"));
    expect(await verifySlip(old, jwks, "Ana")).toMatchObject({ ok: true, kid: "test-slip-2025z" });
  });

  it("a slip forged under the current kid with another key is refused", async () => {
    const { jwks } = await publishedKeys();
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const forged = await signSlip(
      { kid: "test-slip-2026a", privateJwk: await exportJWK(privateKey) },
      await claims("slip_forged_0000000001", "Ana"),
    );
    expect(await verifySlip(forged, jwks)).toEqual({ ok: false, reason: "bad_signature" });
  });
});

describe("slipKeys", () => {
  it("refuses a missing or malformed secret, a first key without its private part and duplicate ids", () => {
    expect(() => slipKeys(undefined)).toThrow(/SLIP_SIGNING_KEY/);
    expect(() => slipKeys("not json")).toThrow(/SLIP_SIGNING_KEY/);
    const pub = { kty: "OKP", crv: "Ed25519", kid: "a", x: PREVIOUS.privateJwk.x };
    expect(() => slipKeys(JSON.stringify({ keys: [pub] }))).toThrow(/private/);
    expect(() => slipKeys(JSON.stringify({ keys: [{ ...PREVIOUS.privateJwk, kid: "a" }, pub] }))).toThrow(/unique/);
  });
});
