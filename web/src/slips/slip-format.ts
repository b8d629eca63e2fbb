import type { SlipClaims } from "#shared/slip-token";

export type SlipFacts = { date: string; from: string; to: string; zone: string };

function inZone(zone: string | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

/**
 * A slip's date and presence as a clerk reads them: in the meeting's own zone (UTC on slips that
 * carry none), in the reader's language. The date is the meeting's local date the slip names.
 */
export function slipFacts(claims: SlipClaims, locale: string): SlipFacts {
  const zone = inZone(claims.tz);
  const [y, m, d] = claims.date.split("-").map(Number);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1),
  );
  const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: zone });
  return { date, from: time.format(new Date(claims.from)), to: time.format(new Date(claims.to)), zone };
}
