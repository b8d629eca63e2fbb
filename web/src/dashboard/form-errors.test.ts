import { describe, expect, it } from "vitest";
import type { ErrorIssue } from "#shared/api-error";
import { errorsText } from "../i18n/dashboard-errors";
import { errorSentence, formErrorsFromApi, issueSentence } from "./form-errors";
import { HttpError } from "./http";

const en = errorsText.in("en");
const es = errorsText.in("es");
const invalid = (issues: ConstructorParameters<typeof HttpError>[3]) =>
  new HttpError(400, "invalid_request", "Invalid json: json.passcode", issues);

describe("issueSentence: the issue's kind in the reader's language, never zod's English", () => {
  /** An issue of this kind, as the API sends it: zod's English in `message`, which must never show. */
  const issue = (kind: Partial<ErrorIssue>): ErrorIssue => ({
    path: "json.field",
    message: "Too small: zod's own English",
    ...kind,
  });
  const cases: [Partial<ErrorIssue>, english: string, spanish: string][] = [
    [{ code: "too_small", origin: "string", minimum: 6 }, "Use at least 6 characters.", "Usa al menos 6 caracteres."],
    [{ code: "too_small", origin: "string", minimum: 1 }, "Fill this in.", "Rellena este campo."],
    [
      { code: "too_big", origin: "string", maximum: 80 },
      "Use at most 80 characters.",
      "Usa como máximo 80 caracteres.",
    ],
    [{ code: "too_small", origin: "number", minimum: 2 }, "Use 2 or more.", "Usa 2 o más."],
    [{ code: "too_big", origin: "number", maximum: 1000 }, "Use 1000 or less.", "Usa 1000 o menos."],
    [{ code: "too_small", origin: "array", minimum: 1 }, "Choose at least 1.", "Elige al menos 1."],
    [{ code: "too_big", origin: "array", maximum: 3 }, "Choose at most 3.", "Elige como máximo 3."],
    [{ code: "invalid_type" }, "Enter a value of the right kind here.", "Escribe aquí un valor del tipo correcto."],
    [{ code: "invalid_format" }, "This is not in the expected format.", "Esto no tiene el formato esperado."],
    [{ code: "invalid_value" }, "Choose one of the options offered.", "Elige una de las opciones ofrecidas."],
    [{ code: "custom" }, "Check this field.", "Revisa este campo."],
    [{ path: "object.contentType" }, en("err.fileType"), es("err.fileType")],
  ];
  for (const [kind, english, spanish] of cases) {
    const refused = issue(kind);
    it(`${refused.code ?? refused.path} ${refused.origin ?? ""}`, () => {
      expect(issueSentence(refused, "invalid_request", en)).toBe(english);
      expect(issueSentence(refused, "invalid_request", es)).toBe(spanish);
      expect(issueSentence(refused, "invalid_request", en)).not.toContain(refused.message);
    });
  }

  it("an issue with no kind says the refusal's domain code (a closed fiscal year on the date)", () => {
    const issue = { path: "json.date", message: "Fiscal year 2025 is closed" };
    expect(issueSentence(issue, "period_closed", en)).toBe(en("err.periodClosed"));
    expect(issueSentence(issue, "period_closed", es)).toBe(es("err.periodClosed"));
  });
});

describe("errorSentence: every domain code has its sentence in both languages; the unknown are calm", () => {
  const known: [string, number][] = [
    ["duplicate_code", 409],
    ["slug_taken", 409],
    ["period_closed", 409],
    ["already_closed", 409],
    ["date_out_of_range", 400],
    ["invalid_date", 400],
    ["content_type_mismatch", 415],
    ["too_large", 413],
    ["size_mismatch", 400],
    ["account_unavailable", 409],
    ["separation_of_duties", 403],
    ["receipt_required", 409],
    ["self_grant", 403],
    ["last_admin", 409],
    ["archived", 409],
    ["forbidden", 403],
    ["unauthenticated", 401],
    ["not_found", 404],
    ["invalid_state", 409],
    ["rate_limited", 429],
    ["mail_failed", 502],
  ];
  for (const [code, status] of known)
    it(code, async () => {
      const error = new HttpError(status, code, `English text for ${code}`);
      const english = errorSentence(error, en);
      const spanish = errorSentence(error, es);
      expect(english).not.toBe(en("err.generic"));
      expect(english).not.toContain("English text");
      expect(spanish).not.toBe(english);
      expect(Object.values(await errorsText.dictionary("es"))).toContain(spanish);
    });

  it("a refused receipt says what was wrong with the file", () => {
    const error = new HttpError(422, "attachment_refused", "The file's bytes are not a application/pdf", [
      { path: "object.contentType", message: "The file's bytes are not a application/pdf" },
    ]);
    expect(errorSentence(error, en)).toBe(en("err.fileType"));
    expect(errorSentence(error, es)).toBe(es("err.fileType"));
  });

  it("an unknown code is the generic sentence; a 5xx says it was our side; a thrown TypeError is the connection", () => {
    expect(errorSentence(new HttpError(400, "made_up", "Raw text"), en)).toBe(en("err.generic"));
    expect(errorSentence(new HttpError(400, "made_up", "Raw text"), es)).toBe(es("err.generic"));
    expect(errorSentence(new HttpError(502, "http_502", "Bad Gateway"), es)).toBe(es("err.server"));
    expect(errorSentence(new TypeError("Failed to fetch"), en)).toBe(en("err.network"));
  });
});

describe("formErrorsFromApi: each issue beside its field, the rest at the top", () => {
  const placement = { fields: ["name", "passcode", "capacity"] as const };

  it("json.passcode goes to the passcode field with the translated sentence and nothing at the top", () => {
    const error = invalid([
      { path: "json.passcode", message: "Too small", code: "too_small", origin: "string", minimum: 6 },
    ]);
    expect(formErrorsFromApi(error, placement, es)).toEqual({ fields: { passcode: "Usa al menos 6 caracteres." } });
  });

  it("a nested path goes to its head field, or where fieldOf says; the first issue of a field wins", () => {
    const error = invalid([
      { path: "json.lines.1.accountId", message: "x", code: "invalid_type" },
      { path: "json.lines.1.amountCents", message: "y", code: "too_small", origin: "number", minimum: 1 },
    ]);
    const lines = formErrorsFromApi(error, { fields: ["date", "lines"] as const }, en);
    expect(lines).toEqual({ fields: { lines: en("err.type") } });
    const account = formErrorsFromApi(
      error,
      { fields: ["date", "account"] as const, fieldOf: (p) => (p.endsWith("accountId") ? "account" : undefined) },
      en,
    );
    expect(account.fields).toEqual({ account: en("err.type") });
    expect(account.form).toBe(en("err.generic")); // the amount named no field of this form
  });

  it("a domain code about one field lands on it (duplicate_code → code)", () => {
    const error = new HttpError(409, "duplicate_code", "Account code 5300 exists");
    const found = formErrorsFromApi(
      error,
      { fields: ["code", "name"] as const, codeFields: { duplicate_code: "code" } },
      es,
    );
    expect(found).toEqual({ fields: { code: es("err.duplicateCode") } });
  });

  it("a refusal that names no field of the form is one sentence at the top, never the raw text", () => {
    const found = formErrorsFromApi(new HttpError(403, "forbidden", "Requires role treasurer"), placement, en);
    expect(found).toEqual({ fields: {}, form: en("err.forbidden") });
    const unknown = formErrorsFromApi(invalid([{ path: "json.other", message: "Unrecognized key" }]), placement, es);
    expect(unknown).toEqual({ fields: {}, form: es("err.generic") });
  });
});
