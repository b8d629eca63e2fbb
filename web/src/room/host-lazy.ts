import { lazy } from "react";

/** The host-only components, loaded from their own chunk the first time a host's room renders them. */
const extras = () => import("./host-extras");
export const HostPanel = lazy(() => extras().then((m) => ({ default: m.HostPanel })));
export const HostVoiceControls = lazy(() => extras().then((m) => ({ default: m.HostVoiceControls })));
export const PersonActions = lazy(() => extras().then((m) => ({ default: m.PersonActions })));
