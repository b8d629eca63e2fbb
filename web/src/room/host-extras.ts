/**
 * What only hosts see in the room, in its own chunk: an attendee's browser never downloads the host
 * panel, the per-person actions or the floor controls (the room refuses those actions anyway).
 */
export { HostPanel } from "./HostPanel";
export { HostVoiceControls } from "./HostVoiceControls";
export { PersonActions } from "./PersonActions";
