import { TYPE_NAMES, type TypeCode } from "#shared/meeting-codes";
import { createTranslator } from "./translator";

/**
 * Meeting Guide type codes in words ("badges in words": a newcomer does not know what "C" or "BE"
 * means). The keys are the codes; English is the spec's own names (shared/meeting-codes.ts).
 */
export const meetingTypes = createTranslator<TypeCode>({ en: TYPE_NAMES, es: () => import("./meeting-types.es") });
