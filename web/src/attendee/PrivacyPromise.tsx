import { attendee } from "../i18n/attendee";

/** What this meeting keeps: its chat retention, and whether latecomers read the chat from before they came. */
export function PrivacyPromise({
  chatRetention,
  latecomerChat,
}: {
  chatRetention: "end" | "24h" | "7d";
  latecomerChat: boolean;
}) {
  const t = attendee.useT();
  return (
    <section aria-labelledby="privacy-title" className="privacy-promise">
      <h2 id="privacy-title">{t("privacy.title")}</h2>
      <p>{t("meeting.anonymity")}</p>
      <p className="privacy-retention">{t(`privacy.retention.${chatRetention}`)}</p>
      <p className="privacy-latecomers">{t(latecomerChat ? "privacy.latecomers.on" : "privacy.latecomers.off")}</p>
    </section>
  );
}
