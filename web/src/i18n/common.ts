import { createTranslator, type Dictionary } from "./translator";

/** Shared strings: the frame around every page. Pages keep their own namespaces. */
const en = {
  "app.name": "Meetinghouse",
  "app.tagline": "Find a meeting. Join in two clicks. Stay anonymous.",
  "app.skipToContent": "Skip to main content",
  "app.language": "Language",
  "app.nav.directory": "Meetings",
  "app.nav.service": "Service dashboard",
  "app.loading": "Loading…",
  "app.error": "Something went wrong. Please try again.",
  "app.notFound": "We couldn't find that page.",
  "app.backHome": "Back to meetings",
} as const satisfies Record<string, string>;

type Key = keyof typeof en;

const es: Dictionary<Key> = {
  "app.name": "Meetinghouse",
  "app.tagline": "Encuentra una reunión. Entra con dos clics. Sigue siendo anónimo.",
  "app.skipToContent": "Saltar al contenido principal",
  "app.language": "Idioma",
  "app.nav.directory": "Reuniones",
  "app.nav.service": "Panel de servicio",
  "app.loading": "Cargando…",
  "app.error": "Algo salió mal. Inténtalo de nuevo.",
  "app.notFound": "No encontramos esa página.",
  "app.backHome": "Volver a las reuniones",
};

export const common = createTranslator<Key>({ en, es });
