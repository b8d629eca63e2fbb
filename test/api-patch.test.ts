import { beforeAll, describe, expect, it } from "vitest";
import { call, type ErrorJson } from "./helpers";
import { type Books, setupBooks } from "./treasury-helpers";

let b: Books;
beforeAll(async () => {
  b = await setupBooks();
});

describe("PATCH bodies (shared validation)", () => {
  const account = () => `/api/groups/${b.groupId}/treasury/accounts/${b.accounts["5200"]}`;

  it("refuses an empty patch with 400 invalid_request and changes nothing", async () => {
    const res = await call(account(), { method: "PATCH", json: {}, headers: b.treasurer.auth });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe("invalid_request");
  });

  it("refuses a patch with only unknown keys, naming the key", async () => {
    const res = await call(account(), { method: "PATCH", json: { nmae: "Rent" }, headers: b.treasurer.auth });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("invalid_request");
    expect(JSON.stringify(body.error.issues)).toContain("nmae");
  });

  it("refuses a known key beside an unknown one (no silent partial update)", async () => {
    const res = await call(account(), {
      method: "PATCH",
      json: { name: "Hall rent", code: "9999" },
      headers: b.treasurer.auth,
    });
    expect(res.status).toBe(400);
    const list = (await (
      await call(`/api/groups/${b.groupId}/treasury/accounts`, { headers: b.treasurer.auth })
    ).json()) as { accounts: { id: string; name: string; code: string }[] };
    const row = list.accounts.find((a) => a.id === b.accounts["5200"]);
    expect(row?.code).toBe("5200");
    expect(row?.name).not.toBe("Hall rent");
  });

  it("still applies a valid patch", async () => {
    const res = await call(account(), { method: "PATCH", json: { name: "Hall rent" }, headers: b.treasurer.auth });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { account: { name: string } }).account.name).toBe("Hall rent");
  });
});
