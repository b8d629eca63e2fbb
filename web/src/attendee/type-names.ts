import type { Locale } from "../i18n/locale";

/**
 * Meeting Guide type codes in words, English and Spanish ("badges in words": a newcomer does not
 * know what "C" or "BE" means). Unknown codes fall back to the code itself.
 */
const TYPES: Record<string, [en: string, es: string]> = {
  O: ["Open", "Abierta"],
  C: ["Closed", "Cerrada"],
  D: ["Discussion", "Discusión"],
  SP: ["Speaker", "Orador"],
  B: ["Big Book", "Libro Grande"],
  ST: ["Step Study", "Estudio de pasos"],
  TR: ["Tradition Study", "Estudio de tradiciones"],
  "12x12": ["12 Steps & 12 Traditions", "Doce Pasos y Doce Tradiciones"],
  "11": ["11th Step Meditation", "Meditación del Paso 11"],
  MED: ["Meditation", "Meditación"],
  LIT: ["Literature", "Literatura"],
  GR: ["Grapevine", "La Viña"],
  ABSI: ["As Bill Sees It", "Como lo ve Bill"],
  DR: ["Daily Reflections", "Reflexiones diarias"],
  LS: ["Living Sober", "Viviendo sobrio"],
  BE: ["Newcomer", "Recién llegados"],
  H: ["Birthday", "Aniversario"],
  M: ["Men", "Hombres"],
  W: ["Women", "Mujeres"],
  Y: ["Young People", "Jóvenes"],
  SEN: ["Seniors", "Mayores"],
  G: ["Gay", "Gay"],
  L: ["Lesbian", "Lesbianas"],
  T: ["Transgender", "Transgénero"],
  BI: ["Bisexual", "Bisexual"],
  NB: ["Non-Binary", "No binario"],
  LGBTQ: ["LGBTQ", "LGBTQ"],
  POC: ["People of Color", "Personas de color"],
  N: ["Native American", "Nativos americanos"],
  NDG: ["Indigenous", "Indígenas"],
  P: ["Professionals", "Profesionales"],
  A: ["Secular", "Secular"],
  XT: ["Cross Talk Permitted", "Se permite diálogo cruzado"],
  ASL: ["American Sign Language", "Lengua de señas americana"],
  X: ["Wheelchair Access", "Acceso en silla de ruedas"],
  XB: ["Wheelchair-Accessible Bathroom", "Baño accesible"],
  BA: ["Babysitting Available", "Cuidado de niños"],
  CF: ["Child-Friendly", "Apta para niños"],
  FF: ["Fragrance Free", "Sin fragancias"],
  SM: ["Smoking Permitted", "Se permite fumar"],
  OUT: ["Outdoor", "Al aire libre"],
  CAN: ["Candlelight", "A la luz de las velas"],
  BRK: ["Breakfast", "Desayuno"],
  AL: ["Concurrent with Alateen", "Simultánea con Alateen"],
  "AL-AN": ["Concurrent with Al-Anon", "Simultánea con Al-Anon"],
  DD: ["Dual Diagnosis", "Diagnóstico dual"],
  DB: ["Digital Basket", "Canasta digital"],
  POA: ["Proof of Attendance", "Constancia de asistencia"],
  TC: ["Location Temporarily Closed", "Local cerrado temporalmente"],
};

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

/** The type code in words, in the reader's language. */
export function typeName(code: string, locale: Locale): string {
  const names = TYPES[code];
  return names ? names[locale === "es" ? 1 : 0] : code;
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
