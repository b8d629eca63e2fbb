import { attendee } from "../i18n/attendee";
import { languageName, typeName } from "./type-names";

type Props = { types: string[]; languages: string[]; hasPasscode: boolean; waitingRoom: boolean };

/** Format, language and entry badges, in words (never bare codes). */
export function MeetingBadges({ types, languages, hasPasscode, waitingRoom }: Props) {
  const t = attendee.useT();
  return (
    <ul className="badges" aria-label={t("badges.label")}>
      {types.map((code) => (
        <li key={`t-${code}`}>{typeName(code, t.locale)}</li>
      ))}
      {languages.map((code) => (
        <li key={`l-${code}`} className="badge-language">
          {languageName(code, t.locale)}
        </li>
      ))}
      {hasPasscode ? <li className="badge-entry">{t("badges.passcode")}</li> : null}
      {waitingRoom ? <li className="badge-entry">{t("badges.waitingRoom")}</li> : null}
    </ul>
  );
}
