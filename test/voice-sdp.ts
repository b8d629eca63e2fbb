/**
 * Session descriptions for the worker tests, which run in workerd (no WebRTC stack): a browser-like
 * audio offer and answers to the SFU's offers. The development SFU negotiates them for real; no
 * media flows (the browser journey e2e/voice.e2e.ts carries real audio).
 */
const FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  ((i * 37 + 11) & 255).toString(16).padStart(2, "0").toUpperCase(),
).join(":");

function session(id: number): string[] {
  return ["v=0", `o=- ${id} 2 IN IP4 127.0.0.1`, "s=-", "t=0 0"];
}

function audioSection(
  mid: string,
  direction: "sendonly" | "recvonly",
  setup: "actpass" | "active",
  ssrc: number | null,
): string[] {
  return [
    "m=audio 9 UDP/TLS/RTP/SAVPF 111",
    "c=IN IP4 0.0.0.0",
    "a=rtcp:9 IN IP4 0.0.0.0",
    "a=ice-ufrag:tEsT",
    "a=ice-pwd:testpasswordtestpassword",
    `a=fingerprint:sha-256 ${FINGERPRINT}`,
    `a=setup:${setup}`,
    `a=mid:${mid}`,
    `a=${direction}`,
    "a=rtcp-mux",
    "a=rtpmap:111 opus/48000/2",
    "a=fmtp:111 minptime=10;useinbandfec=1",
    ...(ssrc === null ? [] : [`a=ssrc:${ssrc} cname:voice-test`]),
  ];
}

/** A browser's offer with one sendonly audio transceiver (mid "0"), as the web app sends on join and unmute. */
export function audioOffer(id = 1): string {
  return [...session(id), "a=group:BUNDLE 0", ...audioSection("0", "sendonly", "actpass", 4242 + id), ""].join("\r\n");
}

/**
 * A browser's offer after some unmutes: its join slot (mid "0"), then its microphone slots in m-line
 * order. A stopped slot is rejected (port 0) and left out of the bundle, as Chrome writes it; the
 * browser later reuses that m-line under a new mid.
 */
export function speakerOffer(id: number, slots: { mid: string; stopped?: boolean }[]): string {
  const bundled = ["0", ...slots.filter((s) => !s.stopped).map((s) => s.mid)];
  const sections = slots.flatMap((slot, i) =>
    slot.stopped
      ? [
          "m=audio 0 UDP/TLS/RTP/SAVPF 111",
          "c=IN IP4 0.0.0.0",
          `a=mid:${slot.mid}`,
          "a=inactive",
          "a=rtpmap:111 opus/48000/2",
        ]
      : audioSection(slot.mid, "sendonly", "actpass", 5000 + id * 10 + i),
  );
  return [
    ...session(id),
    `a=group:BUNDLE ${bundled.join(" ")}`,
    ...audioSection("0", "sendonly", "actpass", 4242 + id),
    ...sections,
    "",
  ].join("\r\n");
}

/** An answer accepting every audio section of the SFU's offer, receive-only (a listener). */
export function listenerAnswer(offer: string): string {
  const mids = [...offer.matchAll(/^a=mid:(\S+)/gm)].map((m) => m[1]);
  const directions = offer
    .split(/^m=/m)
    .slice(1)
    .map((section) => (/a=sendonly/.test(section) ? "recvonly" : "sendonly"));
  const sections = mids.flatMap((mid, i) =>
    audioSection(mid, directions[i] as "sendonly" | "recvonly", "active", null),
  );
  return [...session(99), `a=group:BUNDLE ${mids.join(" ")}`, ...sections, ""].join("\r\n");
}

/** An answer the SFU cannot apply: its media line is malformed (the development SFU's WebRTC stack throws on it). */
export function brokenAnswer(): string {
  return [...session(98), "m=audio", ""].join("\r\n");
}
