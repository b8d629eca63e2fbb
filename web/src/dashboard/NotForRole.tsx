import { dashboard } from "../i18n/dashboard";

/** Shown when a member opens a page their role in this group does not include. */
export function NotForRole() {
  const t = dashboard.useT();
  return (
    <section className="dash-notice" aria-labelledby="not-for-role">
      <h1 id="not-for-role">{t("dash.notForRole")}</h1>
      <p>{t("dash.notForRoleHint")}</p>
    </section>
  );
}
