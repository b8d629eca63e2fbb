import { useId } from "react";
import { dashboard } from "../i18n/dashboard";
import { type GroupChoice, groupsOf, selectGroup } from "./group";
import type { Me } from "./session";

/** Picks the group the member is serving; the choice is remembered on this device. */
export function GroupSwitcher({ me, current }: { me: Me; current: GroupChoice | null }) {
  const t = dashboard.useT();
  const id = useId();
  const groups = groupsOf(me);
  if (groups.length === 0) return null;
  const roleNames = (g: GroupChoice) => g.roles.map((r) => t(`dash.role.${r}`)).join(", ");
  return (
    <div className="dash-field dash-group">
      <label htmlFor={id}>{t("dash.group")}</label>
      <select id={id} value={current?.id ?? ""} onChange={(e) => selectGroup(e.target.value)}>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name} — {roleNames(g)}
          </option>
        ))}
      </select>
    </div>
  );
}
