import { createTranslator } from "./translator";

/** The room's audio: joining, speaking, the floor, and what happened to my microphone. */
const en = {
  "voice.title": "Audio",
  "voice.join": "Join audio",
  "voice.leave": "Leave audio",
  "voice.joining": "Connecting audio…",
  "voice.listening": "You are listening. Your microphone is off.",
  "voice.speaking": "Your microphone is on — everyone hears you.",
  "voice.unmute": "Unmute",
  "voice.mute": "Mute",
  "voice.pushToTalk": "Hold Space to talk while the room has focus.",
  "voice.pushToTalkOn": "Push to talk: microphone on",
  "voice.pushToTalkOff": "Push to talk: microphone off",
  "voice.failed": "Audio could not connect. You can keep following in the chat (listen-only or chat-only).",
  "voice.noMic": "Your browser did not allow the microphone. You can still listen and chat.",
  "voice.weak":
    "Your connection is too weak to send your voice, so you are listening only. Your microphone is off; you still hear the meeting.",
  "voice.tryAgain": "Try speaking again",
  "voice.reconnected": "Your audio connection dropped and came back listen-only. Unmute to speak again.",
  "voice.mutedByHost":
    "A host muted you. Your microphone stays off until a host unmutes you; you can still listen and chat.",
  "voice.stopped.self": "Your microphone is off.",
  "voice.stopped.muted_by_host": "A host muted you, so your microphone was turned off.",
  "voice.stopped.floor_returned": "The floor went back to the host; your microphone is off.",
  "voice.stopped.floor_mode": "The host changed who may speak; your microphone is off.",
  "voice.stopped.left": "Your audio ended.",
  "voice.refused.no_floor": "Raise your hand: a host will give you the floor.",
  "voice.refused.host_only": "Only hosts speak in this meeting.",
  "voice.refused.other": "You cannot speak right now.",
  "voice.mode": "Who may speak",
  "voice.mode.open": "Open mic",
  "voice.mode.raise_hand": "Raise hand",
  "voice.mode.host_only": "Hosts only",
  "voice.floorHolder": "{name} has the floor",
  "voice.giveFloor": "Give the floor to {name}",
  "voice.takeFloor": "Take the floor back",
  "voice.done": "I'm done sharing",
  "voice.speakingNow": "speaking",
  "voice.micOn": "mic on",
};

export type Key = keyof typeof en;

export const voice = createTranslator<Key>({ en, es: () => import("./voice.es") });
