import { readErrorBody } from "#shared/api-error";
import { describe, expect, it } from "vitest";

const answer = (body: string, status = 409, statusText = "Conflict") =>
  new Response(body, { status, statusText, headers: { "Content-Type": "application/json" } });

describe("readErrorBody (the web app's one reader of the API's error body)", () => {
  it("reads code, message and issues", async () => {
    const issues = [{ path: "json.code", message: "Already in use" }];
    expect(
      await readErrorBody(answer(JSON.stringify({ error: { code: "duplicate_code", message: "Taken", issues } }))),
    ).toEqual({ code: "duplicate_code", message: "Taken", issues });
  });

  it("answers http_<status> for a body that is not the API's (a proxy's HTML page, an empty 502)", async () => {
    expect(await readErrorBody(answer("<html>Bad gateway</html>", 502, "Bad Gateway"))).toEqual({
      code: "http_502",
      message: "Bad Gateway",
    });
    expect(await readErrorBody(answer("", 502, "Bad Gateway"))).toEqual({ code: "http_502", message: "Bad Gateway" });
    expect(await readErrorBody(answer(JSON.stringify({ error: "nope" })))).toEqual({
      code: "http_409",
      message: "Conflict",
    });
    expect(await readErrorBody(answer(JSON.stringify({ error: { code: "x", issues: "not a list" } })))).toEqual({
      code: "x",
      message: "Conflict",
    });
  });
});
