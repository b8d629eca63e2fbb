import { describe, expect, it } from "vitest";
import { errorsText } from "../../i18n/dashboard-errors";
import { formErrorsFromApi } from "../form-errors";
import { HttpError } from "../http";
import { contributionPlacement } from "./contribution-form";

describe("contribution batch placement", () => {
  const say = errorsText.in("en");
  const refusal = (
    lineCount: number,
    issues: { path: string; message: string; code?: string }[],
    code = "invalid_request",
  ) => formErrorsFromApi(new HttpError(400, code, "Invalid", issues), contributionPlacement(lineCount), say);

  it("puts an item's issue beside its own line, and the items as a whole or a line the form lost on the first", () => {
    expect(Object.keys(refusal(3, [{ path: "json.items.2.amountCents", message: "x" }]).fields)).toEqual(["items.2"]);
    expect(Object.keys(refusal(3, [{ path: "json.items", message: "x" }]).fields)).toEqual(["items.0"]);
    expect(Object.keys(refusal(1, [{ path: "json.items.4.method", message: "x" }]).fields)).toEqual(["items.0"]);
  });

  it("places date, meeting and memo on their fields, a closed period on the date, and the rest at the top", () => {
    const named = refusal(2, [
      { path: "json.memo", message: "x" },
      { path: "json.meetingId", message: "y" },
    ]);
    expect(Object.keys(named.fields).sort()).toEqual(["meetingId", "memo"]);
    expect(named.form).toBeUndefined();
    expect(refusal(1, [], "period_closed")).toEqual({ fields: { date: say("err.periodClosed") } });
    expect(refusal(1, [{ path: "json.somethingElse", message: "x" }])).toEqual({
      fields: {},
      form: say("err.generic"),
    });
  });
});
