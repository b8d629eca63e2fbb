import { describe, expect, it } from "vitest";
import { locationHintForTimezone } from "./location";

describe("locationHintForTimezone", () => {
  it.each([
    ["America/Los_Angeles", "wnam"],
    ["America/Denver", "wnam"],
    ["America/New_York", "enam"],
    ["America/Chicago", "enam"],
    ["America/Sao_Paulo", "sam"],
    ["America/Argentina/Cordoba", "sam"],
    ["Europe/London", "weur"],
    ["Europe/Berlin", "weur"],
    ["Europe/Kyiv", "eeur"],
    ["Africa/Lagos", "afr"],
    ["Asia/Tokyo", "apac"],
    ["Asia/Kolkata", "apac"],
    ["Asia/Dubai", "me"],
    ["Australia/Sydney", "oc"],
    ["Pacific/Auckland", "oc"],
    ["Pacific/Honolulu", "wnam"],
  ] as const)("%s → %s", (tz, hint) => {
    expect(locationHintForTimezone(tz)).toBe(hint);
  });

  it("leaves UTC and unknown zones to Cloudflare", () => {
    expect(locationHintForTimezone("UTC")).toBeUndefined();
    expect(locationHintForTimezone("Etc/GMT+3")).toBeUndefined();
  });
});
