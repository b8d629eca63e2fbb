import { attendee } from "../i18n/attendee";
import type { MeetingPublic } from "./attendee-api";

type Handles = MeetingPublic["seventhTradition"];

/** Where a handle points: the provider's public pay page (Meeting Guide's venmo / paypal / square handles). */
function linkFor(kind: keyof Handles, handle: string): string | null {
  const bare = handle.replace(/^[@$]/, "");
  if (/^https:\/\//.test(handle)) return handle;
  if (kind === "venmo") return `https://venmo.com/u/${encodeURIComponent(bare)}`;
  if (kind === "paypal") return `https://www.paypal.com/paypalme/${encodeURIComponent(bare)}`;
  if (kind === "square") return `https://cash.app/$${encodeURIComponent(bare)}`;
  return null;
}

const NAMES: Record<keyof Handles, string> = {
  stripe: "Stripe",
  venmo: "Venmo",
  paypal: "PayPal",
  square: "Cash App",
  homegroupOnline: "Homegroup Online",
};

/** The group's Seventh Tradition links, when it has any. */
export function SeventhTradition({ handles }: { handles: Handles }) {
  const t = attendee.useT();
  const entries = (Object.keys(NAMES) as (keyof Handles)[]).flatMap((kind) => {
    const handle = handles[kind];
    return handle ? [{ kind, handle, href: linkFor(kind, handle) }] : [];
  });
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="seventh-title" className="seventh">
      <h2 id="seventh-title">{t("meeting.seventh")}</h2>
      <p>{t("meeting.seventhNote")}</p>
      <ul>
        {entries.map((e) => (
          <li key={e.kind}>
            {e.href ? (
              <a href={e.href} rel="noopener noreferrer" target="_blank">
                {NAMES[e.kind]}: {e.handle}
              </a>
            ) : (
              `${NAMES[e.kind]}: ${e.handle}`
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
