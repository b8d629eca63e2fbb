import { common } from "../i18n/common";

/** The public directory (the attendee web work fills this page). */
export function DirectoryPage() {
  const t = common.useT();
  return (
    <section>
      <h1>{t("app.name")}</h1>
      <p>{t("app.tagline")}</p>
    </section>
  );
}
