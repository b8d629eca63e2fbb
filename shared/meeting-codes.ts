/**
 * Meeting Guide (code4recovery) type and language codes with their English names.
 * Types describe the format; languages are codes of the same spec kept apart here so the
 * directory can filter "language" on its own. Both are merged into `types` in the feed.
 */
export const TYPE_NAMES = {
  O: "Open",
  C: "Closed",
  D: "Discussion",
  SP: "Speaker",
  B: "Big Book",
  ST: "Step Study",
  TR: "Tradition Study",
  "12x12": "12 Steps & 12 Traditions",
  "11": "11th Step Meditation",
  MED: "Meditation",
  LIT: "Literature",
  GR: "Grapevine",
  ABSI: "As Bill Sees It",
  DR: "Daily Reflections",
  LS: "Living Sober",
  BE: "Newcomer",
  H: "Birthday",
  M: "Men",
  W: "Women",
  Y: "Young People",
  SEN: "Seniors",
  G: "Gay",
  L: "Lesbian",
  T: "Transgender",
  BI: "Bisexual",
  NB: "Non-Binary",
  LGBTQ: "LGBTQ",
  POC: "People of Color",
  N: "Native American",
  NDG: "Indigenous",
  P: "Professionals",
  A: "Secular",
  XT: "Cross Talk Permitted",
  ASL: "American Sign Language",
  X: "Wheelchair Access",
  XB: "Wheelchair-Accessible Bathroom",
  BA: "Babysitting Available",
  CF: "Child-Friendly",
  FF: "Fragrance Free",
  SM: "Smoking Permitted",
  OUT: "Outdoor",
  CAN: "Candlelight",
  BRK: "Breakfast",
  AL: "Concurrent with Alateen",
  "AL-AN": "Concurrent with Al-Anon",
  DD: "Dual Diagnosis",
  DB: "Digital Basket",
  POA: "Proof of Attendance",
  TC: "Location Temporarily Closed",
} as const satisfies Record<string, string>;

export const LANGUAGE_NAMES = {
  EN: "English",
  S: "Spanish",
  FR: "French",
  DE: "German",
  ITA: "Italian",
  POR: "Portuguese",
  RUS: "Russian",
  POL: "Polish",
  UK: "Ukrainian",
  NL: "Dutch",
  DA: "Danish",
  SV: "Swedish",
  NO: "Norwegian",
  FI: "Finnish",
  EL: "Greek",
  HU: "Hungarian",
  HR: "Croatian",
  SK: "Slovak",
  SL: "Slovenian",
  LT: "Lithuanian",
  MT: "Maltese",
  HE: "Hebrew",
  AR: "Arabic",
  FA: "Persian",
  AM: "Amharic",
  HI: "Hindi",
  PUN: "Punjabi",
  ML: "Malayalam",
  NE: "Nepali",
  TH: "Thai",
  VI: "Vietnamese",
  TL: "Tagalog",
  ZH: "Chinese",
  JA: "Japanese",
  KOR: "Korean",
  KA: "Georgian",
  BG: "Bulgarian",
  CS: "Czech",
  RO: "Romanian",
  ID: "Indonesian",
} as const satisfies Record<string, string>;

export type TypeCode = keyof typeof TYPE_NAMES;
export type LanguageCode = keyof typeof LANGUAGE_NAMES;

export const TYPE_CODES = /* @__PURE__ */ Object.keys(TYPE_NAMES) as [TypeCode, ...TypeCode[]];
export const LANGUAGE_CODES = /* @__PURE__ */ Object.keys(LANGUAGE_NAMES) as [LanguageCode, ...LanguageCode[]];

/** True when `code` is one of the Meeting Guide type (format) codes. */
export function isTypeCode(code: string): code is TypeCode {
  return Object.hasOwn(TYPE_NAMES, code);
}

/** True when `code` is one of the Meeting Guide language codes. */
export function isLanguageCode(code: string): code is LanguageCode {
  return Object.hasOwn(LANGUAGE_NAMES, code);
}

/**
 * Every code in the Meeting Guide spec's type list (code4recovery/spec, as TSML UI's own bundle
 * ships it). Our list is wider (a few languages the spec lacks): those stay on the meeting and
 * in our directory, but the feed emits only these, since readers drop or reject unknown codes.
 */
export const SPEC_CODES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  /* @__PURE__ */ "11 12x12 A ABSI AF AL AL-AN AM AR ASL B BA BE BG BI BRK C CAN CF D DA DB DD DE DR EL EN FA FI FF FR G GR H HE HI HR HU IS ITA JA KA KOR L LGBTQ LIT LS LT M MED ML MT N NB NDG NE NL NO O OUT P POA POC POL POR PUN RUS S SEN SK SL SM SP ST SV T TC TH TL TR TUR UK W X XB XT Y".split(
    " ",
  ),
);
