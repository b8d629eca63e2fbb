import { useCallback, useState } from "react";
import { dashboard } from "../../i18n/dashboard";
import { formatInstant } from "../format";
import { useFormErrors } from "../FormErrors";
import { sendJson, getJson } from "../http";
import { ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";

/** Lifting a ban sends no field: a refusal goes to the top of the panel. */
const LIFT_PLACEMENT = { fields: [] as const };

type Ban = { id: string; bannedAt: number; occurrenceId: string | null; occurrenceStartsAt: number | null };

/**
 * The meeting's active bans for its hosts and admins: when each was made and in which meeting,
 * nothing about the person. Lifting one lets them join again (from the next join on).
 */
export function BanListPanel({ meetingId, timezone }: { meetingId: string; timezone: string }) {
  const t = dashboard.useT();
  const load = useCallback(
    () => getJson<{ bans: Ban[] }>(`/api/meetings/${encodeURIComponent(meetingId)}/bans`),
    [meetingId],
  );
  const bans = useAsync(load);
  const errors = useFormErrors(LIFT_PLACEMENT);
  const [busy, setBusy] = useState<string | null>(null);
  const lift = async (banId: string) => {
    setBusy(banId);
    errors.clear();
    try {
      await sendJson(`/api/meetings/${encodeURIComponent(meetingId)}/bans/${encodeURIComponent(banId)}`, "DELETE");
      bans.reload();
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(null);
    }
  };
  const list = bans.data?.bans ?? [];
  return (
    <section className="dash-panel" aria-labelledby="bans-title">
      <h2 id="bans-title">{t("meetings.bans.title")}</h2>
      <p className="hint">{t("meetings.bans.hint")}</p>
      <ResourceStatus resource={bans} />
      {bans.data && list.length === 0 && <p>{t("meetings.bans.none")}</p>}
      {list.length > 0 && (
        <ul className="dash-list">
          {list.map((ban) => (
            <li key={ban.id}>
              <span>
                {t("meetings.bans.entry", {
                  when: formatInstant(ban.bannedAt, timezone, t.locale),
                  meeting:
                    ban.occurrenceStartsAt === null ? "—" : formatInstant(ban.occurrenceStartsAt, timezone, t.locale),
                })}
              </span>{" "}
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => void lift(ban.id)}
                aria-label={t("meetings.bans.liftLabel", { when: formatInstant(ban.bannedAt, timezone, t.locale) })}
              >
                {t("meetings.bans.lift")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors.top}
    </section>
  );
}
