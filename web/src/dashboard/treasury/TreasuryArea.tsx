import { Link, Route, Switch, useRoute } from "wouter";
import { treasuryText } from "../../i18n/dashboard-treasury";
import type { GroupChoice } from "../group";
import { AccountsPage } from "./AccountsPage";
import { BudgetPage } from "./BudgetPage";
import { ContributionsPage } from "./ContributionsPage";
import { ExpensesPage } from "./ExpensesPage";
import { JournalPage } from "./JournalPage";
import { OnlinePage } from "./OnlinePage";
import { OverviewPage } from "./OverviewPage";
import { ReconcilePage } from "./ReconcilePage";
import { ReportPage } from "./ReportPage";

const SECTIONS = [
  ["/", "tr.nav.overview"],
  ["/contributions", "tr.nav.contributions"],
  ["/online", "tr.nav.online"],
  ["/expenses", "tr.nav.expenses"],
  ["/journal", "tr.nav.journal"],
  ["/accounts", "tr.nav.accounts"],
  ["/budget", "tr.nav.budget"],
  ["/report", "tr.nav.report"],
  ["/reconcile", "tr.nav.reconcile"],
] as const;

function SectionLink({ href, label }: { href: string; label: string }) {
  const [active] = useRoute(href);
  return (
    <Link href={href} aria-current={active ? "page" : undefined}>
      {label}
    </Link>
  );
}

/** The treasurer's area (treasurers and admins only; the frame checks the role). */
export function TreasuryArea({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  return (
    <div className="dash-treasury">
      <nav aria-label={t("tr.nav.label")} className="dash-subnav">
        {SECTIONS.map(([href, key]) => (
          <SectionLink key={href} href={href} label={t(key)} />
        ))}
      </nav>
      <Switch>
        <Route path="/">
          <OverviewPage group={group} />
        </Route>
        <Route path="/contributions">
          <ContributionsPage group={group} />
        </Route>
        <Route path="/online">
          <OnlinePage group={group} />
        </Route>
        <Route path="/expenses">
          <ExpensesPage group={group} />
        </Route>
        <Route path="/journal">
          <JournalPage group={group} />
        </Route>
        <Route path="/accounts">
          <AccountsPage group={group} />
        </Route>
        <Route path="/budget">
          <BudgetPage group={group} />
        </Route>
        <Route path="/report">
          <ReportPage group={group} />
        </Route>
        <Route path="/reconcile">
          <ReconcilePage group={group} />
        </Route>
      </Switch>
    </div>
  );
}
