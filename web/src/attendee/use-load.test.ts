import { describe, expect, it } from "vitest";
import { ApiFailure } from "./api-failure";
import { withRetries } from "./use-load";

function flaky(failures: unknown[]) {
  let calls = 0;
  const run = async () => {
    const failure = failures[calls++];
    if (failure) throw failure;
    return "loaded";
  };
  return { run, calls: () => calls };
}

describe("withRetries", () => {
  it("tries a dropped connection and a 503 again", async () => {
    const f = flaky([
      new TypeError("Failed to fetch"),
      new ApiFailure(503, { code: "unavailable", message: "restarting" }, null),
    ]);
    await expect(withRetries(f.run, new AbortController().signal, [0, 0])).resolves.toBe("loaded");
    expect(f.calls()).toBe(3);
  });

  it("gives up after the last retry", async () => {
    const f = flaky([new TypeError("1"), new TypeError("2"), new TypeError("3")]);
    await expect(withRetries(f.run, new AbortController().signal, [0, 0])).rejects.toThrow("3");
    expect(f.calls()).toBe(3);
  });

  it("never repeats a 4xx answer", async () => {
    const f = flaky([new ApiFailure(404, { code: "not_found", message: "Meeting not found" }, null)]);
    await expect(withRetries(f.run, new AbortController().signal, [0, 0])).rejects.toBeInstanceOf(ApiFailure);
    expect(f.calls()).toBe(1);
  });

  it("stops once aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const f = flaky([new TypeError("offline")]);
    await expect(withRetries(f.run, controller.signal, [0, 0])).rejects.toThrow("offline");
    expect(f.calls()).toBe(1);
  });
});
