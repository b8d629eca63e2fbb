import { createTranslator, type Dictionary } from "./translator";

/**
 * What an API refusal means, as a sentence beside its field or at the top of a form
 * (web/src/dashboard/form-errors.ts chooses the key). Never the API's own English.
 */
const en = {
  // The kind of a validation issue (zod's code, origin and limit).
  "err.required": "Fill this in.",
  "err.tooShort": "Use at least {minimum} characters.",
  "err.tooLong": "Use at most {maximum} characters.",
  "err.tooSmall": "Use {minimum} or more.",
  "err.tooBig": "Use {maximum} or less.",
  "err.tooFew": "Choose at least {minimum}.",
  "err.tooMany": "Choose at most {maximum}.",
  "err.type": "Enter a value of the right kind here.",
  "err.format": "This is not in the expected format.",
  "err.choice": "Choose one of the options offered.",
  "err.field": "Check this field.",
  // Domain refusals.
  "err.duplicateCode": "Another account of this group already uses this code (it may be an inactive one).",
  "err.slugTaken": "Another meeting already uses this web address; choose another.",
  "err.periodClosed": "That date is in a closed fiscal year; choose a date in an open one.",
  "err.alreadyClosed": "That fiscal year is already closed.",
  "err.dateOutOfRange": "Choose a date the books accept: inside an open fiscal year, not far ahead.",
  "err.invalidDate": "Choose a real calendar date.",
  "err.fileType":
    "The file's contents are not the kind its name says. Choose the original PDF, JPEG, PNG, HEIC or WebP file.",
  "err.fileSize": "The file is larger than 10 MB; choose a smaller one.",
  "err.fileChanged": "The file changed while it was uploading; choose it again.",
  "err.accountUnavailable": "That account is missing or deactivated; choose another.",
  "err.separationOfDuties":
    "Someone else must do this: the person who asked for a claim may not also approve or pay it.",
  "err.receiptRequired": "Add a receipt, or say why there is none.",
  "err.selfGrant": "You cannot give yourself a role; ask another admin.",
  "err.lastAdmin": "The group needs at least one admin; give the role to someone else first.",
  "err.archived": "This meeting is archived; it cannot be changed.",
  "err.forbidden": "Your service role does not allow this.",
  "err.unauthenticated": "Your session has ended. Sign in again.",
  "err.notFound": "This is no longer there. Reload the page.",
  "err.stale": "This changed in the meantime. Reload the page and try again.",
  "err.rateLimited": "Too many tries in a short time. Wait a minute, then try again.",
  "err.mailFailed": "The email could not be sent. Try again later.",
  "err.server": "Something went wrong on our side. Nothing was changed; try again in a moment.",
  "err.network": "The connection dropped. Nothing was changed; check your connection and try again.",
  "err.generic": "This was not accepted. Nothing was changed; check the form and try again.",
};
export type ErrorKey = keyof typeof en;

const es: Dictionary<ErrorKey> = {
  "err.required": "Rellena este campo.",
  "err.tooShort": "Usa al menos {minimum} caracteres.",
  "err.tooLong": "Usa como máximo {maximum} caracteres.",
  "err.tooSmall": "Usa {minimum} o más.",
  "err.tooBig": "Usa {maximum} o menos.",
  "err.tooFew": "Elige al menos {minimum}.",
  "err.tooMany": "Elige como máximo {maximum}.",
  "err.type": "Escribe aquí un valor del tipo correcto.",
  "err.format": "Esto no tiene el formato esperado.",
  "err.choice": "Elige una de las opciones ofrecidas.",
  "err.field": "Revisa este campo.",
  "err.duplicateCode": "Otra cuenta de este grupo ya usa este código (puede ser una cuenta inactiva).",
  "err.slugTaken": "Otra reunión ya usa esta dirección web; elige otra.",
  "err.periodClosed": "Esa fecha está en un año fiscal cerrado; elige una fecha de un año abierto.",
  "err.alreadyClosed": "Ese año fiscal ya está cerrado.",
  "err.dateOutOfRange": "Elige una fecha que los libros acepten: dentro de un año fiscal abierto, no muy adelante.",
  "err.invalidDate": "Elige una fecha real del calendario.",
  "err.fileType":
    "El contenido del archivo no es del tipo que dice su nombre. Elige el archivo original en PDF, JPEG, PNG, HEIC o WebP.",
  "err.fileSize": "El archivo pesa más de 10 MB; elige uno más pequeño.",
  "err.fileChanged": "El archivo cambió mientras se subía; vuelve a elegirlo.",
  "err.accountUnavailable": "Esa cuenta no existe o está desactivada; elige otra.",
  "err.separationOfDuties":
    "Otra persona debe hacerlo: quien pidió un reembolso no puede también aprobarlo ni pagarlo.",
  "err.receiptRequired": "Añade un recibo o explica por qué no lo hay.",
  "err.selfGrant": "No puedes darte un cargo a ti mismo; pídeselo a otro administrador.",
  "err.lastAdmin": "El grupo necesita al menos un administrador; da primero el cargo a otra persona.",
  "err.archived": "Esta reunión está archivada; no se puede cambiar.",
  "err.forbidden": "Tu cargo de servicio no permite hacer esto.",
  "err.unauthenticated": "Tu sesión terminó. Vuelve a iniciar sesión.",
  "err.notFound": "Esto ya no existe. Vuelve a cargar la página.",
  "err.stale": "Esto cambió mientras tanto. Vuelve a cargar la página e inténtalo de nuevo.",
  "err.rateLimited": "Demasiados intentos en poco tiempo. Espera un minuto y vuelve a intentarlo.",
  "err.mailFailed": "No se pudo enviar el correo. Inténtalo más tarde.",
  "err.server": "Algo falló de nuestro lado. No se cambió nada; inténtalo de nuevo en un momento.",
  "err.network": "Se cortó la conexión. No se cambió nada; revisa tu conexión e inténtalo de nuevo.",
  "err.generic": "No se aceptó. No se cambió nada; revisa el formulario e inténtalo de nuevo.",
};

export const errorsText = createTranslator<ErrorKey>({ en, es });
