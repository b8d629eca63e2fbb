import type { Key } from "./voice";
import type { Dictionary } from "./translator";

/** Spanish for voice.ts (the room’s audio): its own chunk, downloaded only by readers who choose Spanish. */
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

export default es;
