import { describe, expect, it } from "vitest";
import { turnSettings, usableIceServers } from "./turn-client";

/** The shape Cloudflare Realtime TURN documents for `generate-ice-servers` (credentials shortened). */
const CLOUDFLARE_ANSWER = {
  iceServers: [
    {
      urls: [
        "stun:stun.cloudflare.com:3478",
        "stun:stun.cloudflare.com:53",
        "turn:turn.cloudflare.com:3478?transport=udp",
        "turn:turn.cloudflare.com:53?transport=udp",
        "turn:turn.cloudflare.com:3478?transport=tcp",
        "turn:turn.cloudflare.com:80?transport=tcp",
        "turns:turn.cloudflare.com:5349?transport=tcp",
        "turns:turn.cloudflare.com:443?transport=tcp",
      ],
      username: "bc91b63e2b5d759f",
      credential: "ebd71f1d3edbc2b0",
    },
  ],
};

describe("usableIceServers", () => {
  it("keeps Cloudflare's servers and credentials, without the port-53 URLs browsers refuse", () => {
    expect(usableIceServers(CLOUDFLARE_ANSWER)).toEqual([
      {
        urls: [
          "stun:stun.cloudflare.com:3478",
          "turn:turn.cloudflare.com:3478?transport=udp",
          "turn:turn.cloudflare.com:3478?transport=tcp",
          "turn:turn.cloudflare.com:80?transport=tcp",
          "turns:turn.cloudflare.com:5349?transport=tcp",
          "turns:turn.cloudflare.com:443?transport=tcp",
        ],
        username: "bc91b63e2b5d759f",
        credential: "ebd71f1d3edbc2b0",
      },
    ]);
  });

  it("the development SFU's answer (no servers) and anything malformed give no servers; a bad entry is dropped alone", () => {
    expect(usableIceServers({ iceServers: [] })).toEqual([]);
    expect(usableIceServers(null)).toEqual([]);
    expect(usableIceServers({ iceServers: "stun:x" })).toEqual([]);
    expect(usableIceServers({ iceServers: [{ urls: [] }, { urls: ["stun:ok:3478"], extra: 1 }, 7] })).toEqual([
      { urls: ["stun:ok:3478"] },
    ]);
    expect(usableIceServers({ iceServers: [{ urls: ["stun:only:53"] }] })).toEqual([]);
  });
});

describe("turnSettings", () => {
  it("needs the key id and its token; the base is Realtime's unless the environment names another", () => {
    expect(turnSettings({})).toBeNull();
    expect(turnSettings({ TURN_KEY_ID: "k" })).toBeNull();
    expect(turnSettings({ TURN_KEY_ID: "k", TURN_KEY_API_TOKEN: "t" })).toEqual({
      base: "https://rtc.live.cloudflare.com/v1",
      keyId: "k",
      token: "t",
    });
    expect(
      turnSettings({ TURN_KEY_ID: "k", TURN_KEY_API_TOKEN: "t", REALTIME_API_BASE: "http://127.0.0.1:9/v1/" })?.base,
    ).toBe("http://127.0.0.1:9/v1");
  });
});
