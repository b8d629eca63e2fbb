import { createTranslator } from "./translator";

/**
 * Meeting Guide type codes in words ("badges in words": a newcomer does not know what "C" or "BE"
 * means). The keys are the codes themselves.
 */
const en = {
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

export type Key = keyof typeof en;

export const meetingTypes = createTranslator<Key>({ en, es: () => import("./meeting-types.es") });

/** Is `code` a type we have words for? */
export function isNamedType(code: string): code is Key {
  return Object.hasOwn(en, code);
}
