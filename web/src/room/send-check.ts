/**
 * Whether my microphone still reaches the SFU well enough to speak, from readings of the sending side
 * taken about once a second while I speak. Plain functions on counts (no clocks): the voice client
 * reads the stats, this decides.
 *
 * The rule. A reading is *bad* when the connection is `disconnected` or `failed`, or when a new
 * receiver report from the SFU says it lost at least `lossLimit` of my packets since its previous
 * report; a new report under the limit is *good*; a reading with neither (no report since the last
 * one, connection up) changes nothing, since the SFU reports every second or few. `badInARow` bad
 * readings with no good one between, or `unackedLimit` readings in a row where I sent packets and the
 * SFU acknowledged none (no report at all: my packets, or its reports, are not getting through),
 * mean the microphone cannot be sent well: the client falls back to listening.
 */
export const SEND_CHECK = {
  /** A fifth of my packets lost: Opus with in-band FEC is hard to follow past this. */
  lossLimit: 0.2,
  /** Three bad readings in a row: one lost report or a moment's blip does not take the microphone away. */
  badInARow: 3,
  /** Ten readings (about ten seconds) sending without a single report back from the SFU. */
  unackedLimit: 10,
} as const;

export type ConnectionState = "new" | "connecting" | "connected" | "disconnected" | "failed" | "closed";

/** One reading of the microphone's sending side. Counts are cumulative over the microphone's life. */
export type SendReading = {
  connection: ConnectionState;
  /** RTP packets sent (`outbound-rtp` `packetsSent`). */
  sent: number;
  /** Receiver reports the SFU sent back about them (`remote-inbound-rtp` `roundTripTimeMeasurements`). */
  reports: number;
  /** The share of my packets the SFU lost, from its latest report (`remote-inbound-rtp` `fractionLost`). */
  fractionLost: number;
};

export type SendCheck = { previous: SendReading | null; bad: number; unacked: number };

export const NEW_SEND_CHECK: SendCheck = { previous: null, bad: 0, unacked: 0 };

/** Folds one reading into the check; `weak` when the microphone cannot be sent well. */
export function checkSending(
  check: SendCheck,
  reading: SendReading,
  rule: { lossLimit: number; badInARow: number; unackedLimit: number } = SEND_CHECK,
): { check: SendCheck; weak: boolean } {
  const previous = check.previous;
  const reported = previous !== null && reading.reports > previous.reports;
  const sending = previous !== null && reading.sent > previous.sent;
  let bad = check.bad;
  if (reading.connection === "disconnected" || reading.connection === "failed") bad += 1;
  else if (reported) bad = reading.fractionLost >= rule.lossLimit ? bad + 1 : 0;
  const unacked = reported ? 0 : sending ? check.unacked + 1 : check.unacked;
  return {
    check: { previous: reading, bad, unacked },
    weak: bad >= rule.badInARow || unacked >= rule.unackedLimit,
  };
}

/** The stats entries a reading needs (an RTCStatsReport is one; a Map of plain objects is too). */
type StatsLike = { forEach(fn: (entry: Record<string, unknown>) => void): void };

/** A reading from the microphone sender's stats (`RTCRtpSender.getStats()`) and the connection's state. */
export function readSending(stats: StatsLike, connection: ConnectionState): SendReading {
  const reading: SendReading = { connection, sent: 0, reports: 0, fractionLost: 0 };
  const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
  stats.forEach((s) => {
    if (s.type === "outbound-rtp") reading.sent += count(s.packetsSent);
    if (s.type === "remote-inbound-rtp") {
      reading.reports += count(s.roundTripTimeMeasurements);
      reading.fractionLost = Math.max(reading.fractionLost, count(s.fractionLost));
    }
  });
  return reading;
}
