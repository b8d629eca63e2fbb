import { describe, expect, it } from "vitest";
import { loadSlipKeys, readCachedKeys } from "./jwks-cache";

const JWKS = {
  keys: [
    {
      kty: "OKP",
      crv: "Ed25519",
      x: "N6IX3M74jrrMJvPLZBWMZlVilkziLTNiCEkqJRWFPRA",
      kid: "k1",
      alg: "EdDSA",
      use: "sig",
    },
  ],
};

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    items,
  };
}
const answering = (status: number, body: unknown) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
const offline = (async () => {
  throw new TypeError("Failed to fetch");
}) as unknown as typeof fetch;

describe("the verify page's key cache", () => {
  it("fetches the published keys and keeps them with the time they were fetched", async () => {
    const storage = memoryStorage();
    expect(await loadSlipKeys(storage, answering(200, JWKS), 1_000)).toEqual({
      keys: { jwks: JWKS, fetchedAt: 1_000 },
      offline: false,
    });
    expect(readCachedKeys(storage)).toEqual({ jwks: JWKS, fetchedAt: 1_000 });
  });

  it("offline, answers with the keys fetched earlier (and says so); with none cached, answers none", async () => {
    const storage = memoryStorage();
    expect(await loadSlipKeys(storage, offline, 2_000)).toEqual({ keys: null, offline: true });
    await loadSlipKeys(storage, answering(200, JWKS), 1_000);
    expect(await loadSlipKeys(storage, offline, 2_000)).toEqual({
      keys: { jwks: JWKS, fetchedAt: 1_000 },
      offline: true,
    });
  });

  it("a refused or malformed answer never replaces good cached keys; a corrupt cache reads as none", async () => {
    const storage = memoryStorage();
    await loadSlipKeys(storage, answering(200, JWKS), 1_000);
    expect((await loadSlipKeys(storage, answering(503, { error: {} }), 2_000)).keys?.fetchedAt).toBe(1_000);
    expect((await loadSlipKeys(storage, answering(200, { keys: "nope" }), 3_000)).keys?.fetchedAt).toBe(1_000);
    storage.items.set("mh.slipKeys", "{not json");
    expect(readCachedKeys(storage)).toBeNull();
  });
});
