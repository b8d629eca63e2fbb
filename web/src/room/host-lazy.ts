import { lazy } from "react";
import { withStrings } from "../i18n/locale";

/** The host-only components, loaded from their own chunk (with their strings) the first time a host's room renders them. */
const extras = withStrings(() => import("./host-extras"));
export const HostPanel = lazy(() => extras().then((m) => ({ default: m.HostPanel })));
export const HostVoiceControls = lazy(() => extras().then((m) => ({ default: m.HostVoiceControls })));
export const PersonActions = lazy(() => extras().then((m) => ({ default: m.PersonActions })));
