import { lazy, Suspense } from "react";
import { Link, Route, Switch } from "wouter";
import { common } from "./i18n/common";
import { type LOCALES, setLocale, useLocale, withStrings } from "./i18n/locale";
import { DirectoryPage } from "./attendee/DirectoryPage";
import { JoinPage } from "./attendee/JoinPage";
import { MeetingPage } from "./attendee/MeetingPage";

// Each lazy chunk renders once its own strings are ready in the reader's language (withStrings).
// The service dashboard is its own chunk: attendees never download it.
const Dashboard = lazy(withStrings(() => import("./dashboard/Dashboard")));
// The live room (socket, chat, host controls) is its own chunk, loaded only when someone joins.
const RoomPage = lazy(withStrings(() => import("./room/RoomPage")));
// Attendance slips: the attendee's printable slip and the public verify page (QR code, jose).
const SlipPage = lazy(withStrings(() => import("./slips/SlipPage")));
const VerifyPage = lazy(withStrings(() => import("./slips/VerifyPage")));

function LanguageSwitch() {
  const t = common.useT();
  const locale = useLocale();
  return (
    <label className="lang">
      <span className="visually-hidden">{t("app.language")}</span>
      <select
        value={locale}
        onChange={(e) => void setLocale(e.target.value as (typeof LOCALES)[number])}
        aria-label={t("app.language")}
      >
        <option value="en">English</option>
        <option value="es">Español</option>
      </select>
    </label>
  );
}

function NotFound() {
  const t = common.useT();
  return (
    <section>
      <h1>{t("app.notFound")}</h1>
      <Link href="/">{t("app.backHome")}</Link>
    </section>
  );
}

export function App() {
  const t = common.useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("app.name")}>
          <Link href="/">{t("app.nav.directory")}</Link>
          <Link href="/service">{t("app.nav.service")}</Link>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
          <Switch>
            <Route path="/" component={DirectoryPage} />
            <Route path="/m/:slug" component={MeetingPage} />
            <Route path="/m/:slug/join" component={JoinPage} />
            <Route path="/room/:occurrenceId" component={RoomPage} />
            <Route path="/slip" component={SlipPage} />
            <Route path="/verify" component={VerifyPage} />
            <Route path="/service" nest>
              <Dashboard />
            </Route>
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </main>
    </>
  );
}
