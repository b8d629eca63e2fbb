import { useEffect } from "react";
import { dashboard } from "../i18n/dashboard";
import { accountText } from "../i18n/dashboard-account";
import "./dashboard.css";
import { DashboardFrame } from "./DashboardFrame";
import { useSession } from "./session";
import { SignInPage } from "./SignInPage";

/** The service dashboard chunk, mounted at /service/* by App.tsx. */
export default function Dashboard() {
  const t = dashboard.useT();
  const ta = accountText.useT();
  const session = useSession();
  useEffect(() => {
    document.title = `${t("dash.title")} · Meetinghouse`;
  }, [t]);
  if (session.status === "loading") {
    return (
      <p role="status" className="dash-reserve">
        {t("dash.loading")}
      </p>
    );
  }
  if (session.status === "signedOut") {
    return (
      <>
        {session.erased && (
          <p role="status" className="dash-notice">
            {ta("acct.erased")}
          </p>
        )}
        <SignInPage linkRefused={session.linkRefused ?? false} />
      </>
    );
  }
  return <DashboardFrame me={session.me} />;
}
