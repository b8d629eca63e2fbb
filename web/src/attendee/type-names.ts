import type { Locale } from "../i18n/locale";
import { isTypeCode } from "#shared/meeting-codes";
import { meetingTypes } from "../i18n/meeting-types";

/** Meeting Guide language codes → BCP 47, so Intl.DisplayNames names them in the reader's language. */
const LANGUAGES: Record<string, string> = {
  EN: "en",
  S: "es",
  FR: "fr",
  DE: "de",
  ITA: "it",
  POR: "pt",
  RUS: "ru",
  POL: "pl",
  UK: "uk",
  NL: "nl",
  DA: "da",
  SV: "sv",
  NO: "no",
  FI: "fi",
  EL: "el",
  HU: "hu",
  HR: "hr",
  SK: "sk",
  SL: "sl",
  LT: "lt",
  MT: "mt",
  HE: "he",
  AR: "ar",
  FA: "fa",
  AM: "am",
  HI: "hi",
  PUN: "pa",
  ML: "ml",
  NE: "ne",
  TH: "th",
  VI: "vi",
  TL: "tl",
  ZH: "zh",
  JA: "ja",
  KOR: "ko",
  KA: "ka",
  BG: "bg",
  CS: "cs",
  RO: "ro",
  ID: "id",
};

/** The format filter offers these (the most asked-for, not all 50). */
export const FILTER_TYPES = ["O", "C", "BE", "D", "SP", "B", "ST", "MED", "W", "M", "Y", "LGBTQ"] as const;
export const FILTER_LANGUAGES = ["EN", "S", "FR", "DE", "POR", "HI"] as const;

/** The type code in words, in the reader's language (i18n/meeting-types.ts); an unknown code as itself. */
export function typeName(code: string, locale: Locale): string {
  return isTypeCode(code) ? meetingTypes.in(locale)(code) : code;
}

/** The language code in words ("Spanish" / "español"). */
export function languageName(code: string, locale: Locale): string {
  const tag = LANGUAGES[code];
  if (!tag) return code;
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(tag) ?? code;
  } catch {
    return code;
  }
}
