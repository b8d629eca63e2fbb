import { createTranslator, type Dictionary } from "./translator";

/** The dashboard's compact menu and the "Your data" page (download, erase). */
const en = {
  "acct.menu": "Menu",
  "acct.nav": "Your data",
  "acct.title": "Your data",
  "acct.intro":
    "What Meetinghouse keeps about you as a service member: your email address (encrypted), your first name, your service roles and your sign-in sessions. Attendees never have an account.",
  "acct.download.title": "Download your data",
  "acct.download.text": "A JSON file with everything stored about you.",
  "acct.download": "Download my data",
  "acct.erase.title": "Erase your account",
  "acct.erase.what":
    "Erasing deletes your email address and your name, ends your service roles as of yesterday and signs you out everywhere. It cannot be undone.",
  "acct.erase.keeps":
    'What stays: the group\'s books and audit log keep an anonymous actor id (shown as "a former service member") on the entries you made, so the accounts still add up. Nothing in them names you.',
  "acct.erase.start": "Erase my account…",
  "acct.erase.confirmLabel": "I understand that this cannot be undone",
  "acct.erase.confirm": "Erase my account now",
  "acct.erase.cancel": "Cancel",
  "acct.erase.mustConfirm": "Tick the box to confirm first.",
  "acct.erased": "Your account was erased and you are signed out.",
};
type Key = keyof typeof en;

const es: Dictionary<Key> = {
  "acct.menu": "Menú",
  "acct.nav": "Tus datos",
  "acct.title": "Tus datos",
  "acct.intro":
    "Lo que Meetinghouse guarda sobre ti como miembro de servicio: tu correo electrónico (cifrado), tu nombre de pila, tus cargos de servicio y tus sesiones. Quienes asisten nunca tienen cuenta.",
  "acct.download.title": "Descargar tus datos",
  "acct.download.text": "Un archivo JSON con todo lo que se guarda sobre ti.",
  "acct.download": "Descargar mis datos",
  "acct.erase.title": "Borrar tu cuenta",
  "acct.erase.what":
    "Borrar elimina tu correo electrónico y tu nombre, termina tus cargos de servicio con fecha de ayer y cierra tu sesión en todas partes. No se puede deshacer.",
  "acct.erase.keeps":
    'Lo que queda: los libros y el registro de auditoría del grupo guardan un identificador anónimo (se muestra como "un antiguo miembro de servicio") en los asientos que hiciste, para que las cuentas sigan cuadrando. Nada en ellos te nombra.',
  "acct.erase.start": "Borrar mi cuenta…",
  "acct.erase.confirmLabel": "Entiendo que no se puede deshacer",
  "acct.erase.confirm": "Borrar mi cuenta ahora",
  "acct.erase.cancel": "Cancelar",
  "acct.erase.mustConfirm": "Marca la casilla para confirmar primero.",
  "acct.erased": "Tu cuenta se borró y tu sesión está cerrada.",
};

export const accountText = createTranslator<Key>({ en, es });
