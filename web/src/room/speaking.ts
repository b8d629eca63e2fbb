/**
 * Who is speaking, from audio levels (0–1, as WebRTC's `audioLevel` reports them) read a few times a
 * second: a person counts as speaking while their level is at or above the threshold, and for a short
 * hold after it drops, so the roster does not flicker between words.
 */
export const SPEAKING = {
  /** About −40 dBov: breathing and line noise stay under it, a voice goes over it. */
  threshold: 0.01,
  /** How long "speaking" outlasts the last loud reading, ms. */
  holdMs: 800,
} as const;

/** When each person was last heard above the threshold (ms on the caller's clock). */
export type LoudSince = ReadonlyMap<string, number>;

export type SpeakingReading = { loud: LoudSince; speaking: ReadonlySet<string> };

/** One reading: the levels heard now (people not in `levels` are silent) at time `now`. */
export function readSpeaking(
  loud: LoudSince,
  levels: ReadonlyMap<string, number>,
  now: number,
  rule: { threshold: number; holdMs: number } = SPEAKING,
): SpeakingReading {
  const next = new Map<string, number>();
  for (const [id, at] of loud) if (now - at <= rule.holdMs) next.set(id, at);
  for (const [id, level] of levels) if (level >= rule.threshold) next.set(id, now);
  return { loud: next, speaking: new Set(next.keys()) };
}

/** Whether two readings name the same people (the roster re-renders only when who speaks changes). */
export function sameSpeakers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}
