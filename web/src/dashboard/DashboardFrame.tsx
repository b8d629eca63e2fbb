import { Link, Redirect, Route, Switch, useRoute } from "wouter";
import { dashboard } from "../i18n/dashboard";
import { AuditPage } from "./audit/AuditPage";
import { ClaimsPage } from "./treasury/ClaimsPage";
import { canKeepBooks, canManage, type GroupChoice, useCurrentGroup } from "./group";
import { GroupSwitcher } from "./GroupSwitcher";
import { MeetingEditPage } from "./meetings/MeetingEditPage";
import { ImportPage } from "./meetings/ImportPage";
import { MeetingsPage } from "./meetings/MeetingsPage";
import { NotForRole } from "./NotForRole";
import { PeoplePage } from "./people/PeoplePage";
import { type Me, signOut } from "./session";
import { TreasuryArea } from "./treasury/TreasuryArea";
import { useFocusOnNavigate } from "./useFocusOnNavigate";

function NavLink({ href, children }: { href: string; children: string }) {
  const [exact] = useRoute(href);
  const [nested] = useRoute(`${href}/*`);
  return (
    <Link href={href} aria-current={exact || nested ? "page" : undefined}>
      {children}
    </Link>
  );
}

function ServiceNav({ group }: { group: GroupChoice }) {
  const t = dashboard.useT();
  return (
    <nav aria-label={t("dash.nav.label")} className="dash-nav">
      <NavLink href="/meetings">{t("dash.nav.meetings")}</NavLink>
      {canManage(group) && <NavLink href="/people">{t("dash.nav.people")}</NavLink>}
      <NavLink href="/claims">{t("dash.nav.claims")}</NavLink>
      {canKeepBooks(group) && <NavLink href="/treasury">{t("dash.nav.treasury")}</NavLink>}
      {group.roles.includes("admin") && <NavLink href="/audit">{t("dash.nav.audit")}</NavLink>}
    </nav>
  );
}

/** Only treasurers and admins get past this; others see a calm explanation (the API refuses them too). */
function BooksOnly({ group, children }: { group: GroupChoice; children: React.ReactNode }) {
  return canKeepBooks(group) ? children : <NotForRole />;
}

/** The signed-in frame: who, which group, the sections their roles open, and the pages. */
export function DashboardFrame({ me }: { me: Me }) {
  const t = dashboard.useT();
  const group = useCurrentGroup(me);
  useFocusOnNavigate();
  const firstName = me.user.displayName.split(/\s+/)[0] ?? "";
  return (
    <div className="dash">
      <div className="dash-bar">
        <p className="dash-who">{t("dash.signedInAs", { name: firstName })}</p>
        <GroupSwitcher me={me} current={group} />
        <button type="button" onClick={() => void signOut()}>
          {t("dash.signOut")}
        </button>
      </div>
      {group ? (
        <>
          <ServiceNav group={group} />
          <Switch>
            <Route path="/">{canKeepBooks(group) && !canManage(group) ? <Redirect to="/treasury" replace /> : <Redirect to="/meetings" replace />}</Route>
            <Route path="/meetings">
              <MeetingsPage group={group} />
            </Route>
            <Route path="/meetings/import">{canManage(group) ? <ImportPage group={group} /> : <NotForRole />}</Route>
            <Route path="/meetings/new">
              <MeetingEditPage group={group} meetingId={null} />
            </Route>
            <Route path="/meetings/:id">{(p) => <MeetingEditPage group={group} meetingId={p.id} />}</Route>
            <Route path="/people">{canManage(group) ? <PeoplePage group={group} /> : <NotForRole />}</Route>
            <Route path="/claims">
              <ClaimsPage group={group} />
            </Route>
            <Route path="/treasury" nest>
              <BooksOnly group={group}>
                <TreasuryArea group={group} />
              </BooksOnly>
            </Route>
            <Route path="/audit">{group.roles.includes("admin") ? <AuditPage group={group} myUserId={me.user.id} /> : <NotForRole />}</Route>
          </Switch>
        </>
      ) : (
        <p>{t("dash.noGroups")}</p>
      )}
    </div>
  );
}
