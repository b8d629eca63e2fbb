import { type ChangeEvent, useState } from "react";
import { Link } from "wouter";
import { dashboard } from "../../i18n/dashboard";
import { errorsText } from "../../i18n/dashboard-errors";
import { errorSentence } from "../form-errors";
import type { GroupChoice } from "../group";
import { sendJson } from "../http";

type ImportReport = {
  dryRun: boolean;
  summary: { items: number; create: number; update: number; unchanged: number; refuse: number };
  items: {
    index: number;
    slug: string | null;
    name: string | null;
    action: "create" | "update" | "unchanged" | "refuse";
    meeting: string | null;
    reasons: string[];
    notes: string[];
  }[];
};

/** The largest file the API takes (it checks again before parsing). */
const MAX_BYTES = 2 * 1024 * 1024;

const importUrl = (groupId: string, dryRun: boolean) =>
  `/api/groups/${encodeURIComponent(groupId)}/import/meeting-guide${dryRun ? "?dryRun=1" : ""}`;

/** Import a Meeting Guide JSON feed: choose the file, read the preview, then apply it. */
export function ImportPage({ group }: { group: GroupChoice }) {
  const t = dashboard.useT();
  const say = errorsText.useT();
  const [feed, setFeed] = useState<unknown>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (body: unknown, dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setReport(await sendJson<ImportReport>(importUrl(group.id, dryRun), "POST", body));
    } catch (e) {
      // The refusal in the reader's words (the one rule in form-errors.ts), never the API's English text.
      setError(errorSentence(e, say));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    setReport(null);
    setFeed(null);
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) return setError(t("import.tooLarge"));
    try {
      const parsed: unknown = JSON.parse(await file.text());
      setFeed(parsed);
      await run(parsed, true);
    } catch {
      setError(t("import.notJson"));
    }
  };

  return (
    <section aria-labelledby="import-title">
      <div className="dash-heading">
        <h1 id="import-title">{t("import.title")}</h1>
        <Link href="/meetings">{t("import.back")}</Link>
      </div>
      <p>{t("import.intro")}</p>
      {/* The refusal sits with the field and is named by it, so a screen reader reads it on the field too. */}
      <div className="dash-field">
        <label htmlFor="import-file">{t("import.file")}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={choose}
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "import-file-error" : undefined}
        />
        {error && (
          <p id="import-file-error" role="alert" className="dash-error">
            {error}
          </p>
        )}
      </div>
      {report && (
        <>
          <h2 role="status">{t(report.dryRun ? "import.preview" : "import.done", { ...report.summary })}</h2>
          <table className="dash-table">
            <thead>
              <tr>
                <th scope="col">{t("import.col.item")}</th>
                <th scope="col">{t("import.col.action")}</th>
                <th scope="col">{t("import.col.meeting")}</th>
                <th scope="col">{t("import.col.reasons")}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item) => (
                <tr key={item.index}>
                  <td>{item.name ?? item.slug ?? `#${item.index + 1}`}</td>
                  <td>{t(`import.action.${item.action}`)}</td>
                  <td>{item.meeting ?? ""}</td>
                  <td>{[...item.reasons, ...item.notes].join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.dryRun && report.summary.create + report.summary.update > 0 && (
            <button type="button" className="primary" disabled={busy || feed === null} onClick={() => run(feed, false)}>
              {busy ? t("dash.saving") : t("import.apply")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
