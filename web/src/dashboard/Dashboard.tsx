import { common } from "../i18n/common";

/** The service dashboard (the dashboard web work fills this chunk). */
export default function Dashboard() {
  const t = common.useT();
  return (
    <section>
      <h1>{t("app.nav.service")}</h1>
    </section>
  );
}
