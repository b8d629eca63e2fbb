import { treasuryText } from "../../i18n/dashboard-treasury";

/** The note a treasurer or admin gave with their decision: the reason, for a rejected claim. */
export function DecisionNote({ status, note }: { status: string; note: string | null }) {
  const t = treasuryText.useT();
  if (!note) return null;
  return <p className="dash-decision-note">{t(status === "rejected" ? "tr.exp.reason" : "tr.exp.note", { note })}</p>;
}
