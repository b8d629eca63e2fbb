import { describe, expect, it } from "vitest";
import { attendee } from "./attendee";
import { common } from "./common";
import { dashboard } from "./dashboard";
import { accountText } from "./dashboard-account";
import { auditText } from "./dashboard-audit";
import { errorsText } from "./dashboard-errors";
import { host } from "./host";
import { LOCALES } from "./locale";
import { meetingTypes } from "./meeting-types";
import { treasuryText } from "./dashboard-treasury";
import { room } from "./room";
import { slips } from "./slips";
import { voice } from "./voice";

/** Every namespace registers here; a key missing in any locale fails the suite. */
const namespaces = {
  common,
  attendee,
  meetingTypes,
  room,
  host,
  voice,
  dashboard,
  treasuryText,
  auditText,
  accountText,
  errorsText,
  slips,
};

describe("translations", () => {
  for (const [name, ns] of Object.entries(namespaces)) {
    it(`${name}: every locale has every English key, non-empty`, async () => {
      const english = Object.keys(await ns.dictionary("en")).sort();
      for (const locale of LOCALES) {
        const dict = await ns.dictionary(locale);
        expect(Object.keys(dict).sort(), locale).toEqual(english);
        for (const [key, value] of Object.entries(dict)) expect(String(value).trim(), `${locale}:${key}`).not.toBe("");
      }
    });
  }
});
