import type { Key } from "./common";
import type { Dictionary } from "./translator";

/** Spanish for common.ts (the frame around every page): its own chunk, downloaded only by readers who choose Spanish. */
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

export default es;
