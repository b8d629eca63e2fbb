import { zoneOverride } from "./device-prefs";

/** A start as the API describes it in one zone (see `describeInstant` on the Worker). */
export type ZonedStart = { date: string; time: string; zone: string; abbr: string };

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, zone: string, withDay: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${withDay}`;
  let fmt = cache.get(key);
  if (!fmt) {
    const day: Intl.DateTimeFormatOptions = withDay ? { weekday: "short", day: "numeric", month: "short" } : {};
    fmt = new Intl.DateTimeFormat(locale, { ...day, hour: "numeric", minute: "2-digit", timeZone: zone });
    cache.set(key, fmt);
  }
  return fmt;
}

/**
 * "Sat, Nov 21, 7:00 PM JST": the instant in `zone`, in the reader's language, always with the
 * zone label the API computed (tsml-ui #531: times spanning zones must never go unlabelled).
 */
export function formatInZone(at: string | number, zone: string, abbr: string, locale: string, withDay = true): string {
  return `${formatter(locale, zone, withDay).format(new Date(at))} ${abbr}`;
}

/** Both readings of one start: the viewer's and, when it differs, the meeting's own. */
export function describeBothZones(
  at: string,
  viewer: ZonedStart,
  meeting: ZonedStart,
  locale: string,
): { viewer: string; meeting: string | null } {
  const mine = formatInZone(at, viewer.zone, viewer.abbr, locale);
  const theirs = formatInZone(at, meeting.zone, meeting.abbr, locale);
  return { viewer: mine, meeting: viewer.zone === meeting.zone || mine === theirs ? null : theirs };
}

/** "1:05:09" / "4:09": a countdown in whole seconds, never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The browser's own IANA zone (UTC when it cannot tell). */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The viewer's zone: the one chosen on this device, else the browser's. */
export function viewerZone(): string {
  return zoneOverride() ?? browserZone();
}
