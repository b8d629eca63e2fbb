import { Link, Redirect, Route, Switch, useRoute } from "wouter";
import { dashboard } from "../i18n/dashboard";
import { accountText } from "../i18n/dashboard-account";
import { AccountPage } from "./account/AccountPage";
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

/** The sections the member's roles open, then their own data. On a phone it is one row that scrolls sideways. */
function ServiceNav({ group }: { group: GroupChoice | null }) {
  const t = dashboard.useT();
  const ta = accountText.useT();
  return (
    <nav aria-label={t("dash.nav.label")} className="dash-nav">
      {group && <NavLink href="/meetings">{t("dash.nav.meetings")}</NavLink>}
      {group && canManage(group) && <NavLink href="/people">{t("dash.nav.people")}</NavLink>}
      {group && <NavLink href="/claims">{t("dash.nav.claims")}</NavLink>}
      {group && canKeepBooks(group) && <NavLink href="/treasury">{t("dash.nav.treasury")}</NavLink>}
      {group?.roles.includes("admin") && <NavLink href="/audit">{t("dash.nav.audit")}</NavLink>}
      <NavLink href="/account">{ta("acct.nav")}</NavLink>
    </nav>
  );
}

/** Only treasurers and admins get past this; others see a calm explanation (the API refuses them too). */
function BooksOnly({ group, children }: { group: GroupChoice; children: React.ReactNode }) {
  return canKeepBooks(group) ? children : <NotForRole />;
}

/**
 * The signed-in frame: who, which group, the sections their roles open, and the pages. On a phone
 * the chrome stays compact (no greeting, group and Sign out on one row, the sections in one
 * sideways-scrolling row) so the page's own content starts on the first screen.
 */
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
        <button type="button" className="dash-signout" onClick={() => void signOut()}>
          {t("dash.signOut")}
        </button>
      </div>
      <ServiceNav group={group} />
      {group ? (
        <Switch>
          <Route path="/">
            {canKeepBooks(group) && !canManage(group) ? (
              <Redirect to="/treasury" replace />
            ) : (
              <Redirect to="/meetings" replace />
            )}
          </Route>
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
          <Route path="/audit">
            {group.roles.includes("admin") ? <AuditPage group={group} myUserId={me.user.id} /> : <NotForRole />}
          </Route>
          <Route path="/account">
            <AccountPage />
          </Route>
        </Switch>
      ) : (
        <Switch>
          <Route path="/account">
            <AccountPage />
          </Route>
          <Route>
            <p>{t("dash.noGroups")}</p>
          </Route>
        </Switch>
      )}
    </div>
  );
}
