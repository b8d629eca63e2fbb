import { createTranslator, type Dictionary } from "./translator";

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

type Key = keyof typeof en;

const es: Dictionary<Key> = {
  "voice.title": "Audio",
  "voice.join": "Entrar al audio",
  "voice.leave": "Salir del audio",
  "voice.joining": "Conectando el audio…",
  "voice.listening": "Estás escuchando. Tu micrófono está apagado.",
  "voice.speaking": "Tu micrófono está encendido: todos te escuchan.",
  "voice.unmute": "Activar micrófono",
  "voice.mute": "Silenciar",
  "voice.pushToTalk": "Mantén pulsada la barra espaciadora para hablar mientras la sala tiene el foco.",
  "voice.pushToTalkOn": "Pulsar para hablar: micrófono encendido",
  "voice.pushToTalkOff": "Pulsar para hablar: micrófono apagado",
  "voice.failed": "No se pudo conectar el audio. Puedes seguir la reunión por el chat (solo escuchar o solo chat).",
  "voice.noMic": "Tu navegador no permitió el micrófono. Aún puedes escuchar y escribir.",
  "voice.weak":
    "Tu conexión es demasiado débil para enviar tu voz, así que solo estás escuchando. Tu micrófono está apagado; sigues oyendo la reunión.",
  "voice.tryAgain": "Intentar hablar de nuevo",
  "voice.reconnected":
    "Tu conexión de audio se cortó y volvió solo para escuchar. Activa el micrófono para hablar de nuevo.",
  "voice.mutedByHost":
    "Un anfitrión te silenció. Tu micrófono seguirá apagado hasta que un anfitrión lo permita; aún puedes escuchar y escribir.",
  "voice.stopped.self": "Tu micrófono está apagado.",
  "voice.stopped.muted_by_host": "Un anfitrión te silenció y tu micrófono se apagó.",
  "voice.stopped.floor_returned": "La palabra volvió al anfitrión; tu micrófono está apagado.",
  "voice.stopped.floor_mode": "El anfitrión cambió quién puede hablar; tu micrófono está apagado.",
  "voice.stopped.left": "Tu audio terminó.",
  "voice.refused.no_floor": "Levanta la mano: un anfitrión te dará la palabra.",
  "voice.refused.host_only": "En esta reunión solo hablan los anfitriones.",
  "voice.refused.other": "No puedes hablar en este momento.",
  "voice.mode": "Quién puede hablar",
  "voice.mode.open": "Micrófono abierto",
  "voice.mode.raise_hand": "Levantar la mano",
  "voice.mode.host_only": "Solo anfitriones",
  "voice.floorHolder": "{name} tiene la palabra",
  "voice.giveFloor": "Dar la palabra a {name}",
  "voice.takeFloor": "Retirar la palabra",
  "voice.done": "Terminé de compartir",
  "voice.speakingNow": "hablando",
  "voice.micOn": "micrófono abierto",
};

export const voice = createTranslator<Key>({ en, es });
