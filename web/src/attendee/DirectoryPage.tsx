import { useDeferredValue, useMemo, useState } from "react";
import { attendee } from "../i18n/attendee";
import { type DirectoryFilters as Filters, fetchDirectory } from "./attendee-api";
import { DirectoryFilters } from "./DirectoryFilters";
import { MeetingCard } from "./MeetingCard";
import { viewerZone } from "./time-format";
import { useLoad } from "./use-load";

const NO_FILTERS: Filters = { day: "", timeOfDay: "", types: [], language: "", q: "" };

/** The front door: meetings live now, then everything starting from now around the week. */
export function DirectoryPage() {
  const t = attendee.useT();
  const tz = useMemo(viewerZone, []);
  const [filters, setFilters] = useState(NO_FILTERS);
  // Typing in the search box should not fire a request per keystroke while React is busy.
  const query = useDeferredValue(filters);
  const key = JSON.stringify(query);
  const result = useLoad((signal) => fetchDirectory(query, tz, signal), [key, tz]);
  const data = result.data;
  const live = data?.inProgress ?? [];
  const upcoming = data?.items.filter((item) => !live.some((l) => l.id === item.id)) ?? [];
  return (
    <section className="directory" aria-labelledby="directory-title">
      <h1 id="directory-title">{t("directory.title")}</h1>
      <p className="lede">{t("directory.lede", { zone: tz })}</p>
      <DirectoryFilters value={filters} onChange={setFilters} />
      <div className="results" aria-busy={result.status === "loading"}>
        <p role="status" className="results-status">
          {result.status === "loading" && !data ? t("directory.loading") : null}
          {result.status === "error" ? t("directory.error") : null}
          {result.status === "ok" && live.length + upcoming.length === 0 ? t("directory.empty") : null}
        </p>
        {live.length > 0 ? (
          <section aria-labelledby="live-title" className="live-section">
            <h2 id="live-title">{t("directory.liveNow")}</h2>
            <ul className="cards">
              {live.map((item) => (
                <li key={item.id}>
                  <MeetingCard item={item} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {upcoming.length > 0 ? (
          <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{t("directory.upcoming")}</h2>
            <ul className="cards">
              {upcoming.map((item) => (
                <li key={item.id}>
                  <MeetingCard item={item} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </section>
  );
}
